package dev.dispatcher.common.event;

import static dev.dispatcher.common.event.EventModel.BINARY;
import static dev.dispatcher.common.event.EventModel.DELETE;
import static dev.dispatcher.common.event.EventModel.DOWNLOAD;
import static dev.dispatcher.common.event.EventModel.INSERT;
import static dev.dispatcher.common.event.EventModel.PLUGIN;
import static dev.dispatcher.common.event.EventModel.RETROHUNT;
import static dev.dispatcher.common.event.EventModel.STATUS;
import static dev.dispatcher.common.event.Fixtures.edits;
import static dev.dispatcher.common.event.Fixtures.remove;
import static dev.dispatcher.common.event.Fixtures.set;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

class KafkaKeysTest {

    private static final String SIMPLE = "azul/key_generator/simple.json";
    private static final String SIMPLE_DESCRIPTOR = "virustotal..2021-02-06T16:43:23."
            + "interface.web.submitter_city.kharkiv.submitter_country.UA.submitter_id.0a9e3094.submitter_region.63."
            + "vtdownload.downloaded.b9debe8afbdc6d0f552ca4d41fc8a5760778f2724d1560f6b4b0fc28bd837a82."
            + "MimeDecoder.extracted.ee303d3c6d7cfa24d42e6348bdd1103a26de77a887e9dbee3dd1fe6304414f69.";

    private final EventJson json = new EventJson();

    /** Azul's own vectors: azul-dispatcher events/pipeline_produce/key_test.go, TestKey and TestKeyDescriptor. */
    static Stream<Arguments> azulTestVectors() {
        return Stream.of(
                arguments("simple.json", BINARY, "b77549952b9354551975192f6c09e3c7", SIMPLE_DESCRIPTOR),
                arguments("path_security_change.json", BINARY, "4643bc0ea3ca0e97d4f9f820611cced6",
                        SIMPLE_DESCRIPTOR.replace("submitter_region.63.", "submitter_region.63.PROVIDED.RESTRICTED.")),
                arguments("author_change.json", BINARY, "b261b7b235b49105eb7632e6afaac8da",
                        SIMPLE_DESCRIPTOR.replace("MimeDecoder", "SlimeDecoder")),
                arguments("status_key.json", STATUS, "52bfc3a94719718fabb7d50f39ce52f5",
                        "dac804f3662b2228e43af80f6e0769614bf53d6c8ea16241c80d779de1308c20-pluigin-2023.01.01.MimeDecoder"),
                arguments("plugin.json", PLUGIN, "68e3d23d6ab9facfbd4e3d5f7543c636", "RatConfigs-JRat.2020.06.02"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void azulTestVectors(String fixture, EventModel model, String azulKey, String azulDescriptor) {
        Event event = json.read(Fixtures.bytes("azul/key_generator/" + fixture), model);

        assertThat(KafkaKeys.descriptor(event)).contains(azulDescriptor);
        assertThat(KafkaKeys.compute(event)).isEqualTo(azulKey);
    }

    @Test
    void sameDescriptorGivesTheSameKey() {
        assertThat(key(BINARY, UnaryOperator.identity())).isEqualTo(key(BINARY, UnaryOperator.identity()));
        assertThat(key(SIMPLE, BINARY, UnaryOperator.identity())).isEqualTo(key(SIMPLE, BINARY, UnaryOperator.identity()));
    }

    static Stream<Arguments> binaryKeyIgnores() {
        return Stream.of(
                argumentSet("the author's version", edits(set("author.version", "\"2099.01.01\""),
                        set("source.path[3].author.version", "\"2099.01.01\""))),
                argumentSet("an ancestor above the parent", set("source.path[0].sha256",
                        "\"0000000000000000000000000000000000000000000000000000000000000000\"")),
                argumentSet("an ancestor's author", set("source.path[1].author.name", "\"someone-else\"")),
                argumentSet("the event timestamp", set("timestamp", "\"2030-01-01T00:00:00Z\"")),
                argumentSet("path node timestamps", set("source.path[3].timestamp", "\"2030-01-01T00:00:00Z\"")),
                argumentSet("fractions of the source second", set("source.timestamp", "\"2021-02-06T16:43:23.999Z\"")),
                argumentSet("features and streams", edits(remove("entity.features"), remove("entity.datastreams"))),
                argumentSet("flags", set("flags", "{\"expedite\": true}")),
                argumentSet("an existing kafka_key", set("kafka_key", "\"whatever\"")),
                argumentSet("reordered references", set("source.references", "{\"submitter_region\": \"63\","
                        + " \"submitter_id\": \"0a9e3094\", \"submitter_country\": \"UA\","
                        + " \"submitter_city\": \"kharkiv\", \"interface\": \"web\"}")));
    }

    @ParameterizedTest
    @MethodSource
    void binaryKeyIgnores(UnaryOperator<ObjectNode> edit) {
        assertThat(key(SIMPLE, BINARY, edit)).isEqualTo("b77549952b9354551975192f6c09e3c7");
    }

    static Stream<Arguments> binaryKeyDependsOn() {
        return Stream.of(
                argumentSet("the source name", set("source.name", "\"samples\"")),
                argumentSet("the source security", set("source.security", "\"RESTRICTED\"")),
                argumentSet("the source second", set("source.timestamp", "\"2021-02-06T16:43:24Z\"")),
                argumentSet("the source offset (wall clock kept, not UTC)",
                        set("source.timestamp", "\"2021-02-07T03:43:23+11:00\"")),
                argumentSet("a reference value", set("source.references.submitter_id", "\"xxxxxxxx\"")),
                argumentSet("a setting", set("source.settings", "{\"passwords\": \"infected\"}")),
                argumentSet("a path author's security", set("source.path[0].author.security", "\"RESTRICTED\"")),
                argumentSet("the parent's action", set("source.path[2].action", "\"extracted\"")),
                argumentSet("the current sha256", set("source.path[3].sha256",
                        "\"1111111111111111111111111111111111111111111111111111111111111111\"")),
                argumentSet("the current author", set("source.path[3].author.name", "\"SlimeDecoder\"")));
    }

    @ParameterizedTest
    @MethodSource
    void binaryKeyDependsOn(UnaryOperator<ObjectNode> edit) {
        assertThat(key(SIMPLE, BINARY, edit)).isNotEqualTo("b77549952b9354551975192f6c09e3c7");
    }

    @Test
    void theSourceSecondIsTakenInTheProducersOffset() {
        Event event = read(SIMPLE, BINARY, set("source.timestamp", "\"2021-02-07T03:43:23.5+11:00\""));

        assertThat(KafkaKeys.descriptor(event).orElseThrow()).startsWith("virustotal..2021-02-07T03:43:23.interface.");
    }

    @Test
    void aOneNodePathUsesOnlyTheCurrentNode() {
        Event event = read("valid/binary.json", BINARY, remove("source.path[0]"));

        assertThat(KafkaKeys.descriptor(event).orElseThrow()).isEqualTo("samples.OFFICIAL.2026-11-22T14:00:01."
                + "ticket.T-100.user.bob.passwords.infected."
                + "unzip.extracted.ddc9e669194254cef019a29d3619a2c16592e5d52e1a81e98b01bd52319149a3.");
    }

    @Test
    void aBinaryEventWithoutPathHasNoKey() {
        Event event = read("valid/binary.json", BINARY, set("source.path", "[]"));

        assertThatThrownBy(() -> KafkaKeys.compute(event))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("source.path");
    }

    @Test
    void statusesOfOneTaskShareAKey() {
        String heartbeat = key(STATUS, edits(set("entity.status", "\"heartbeat\""), remove("entity.results")));
        String completed = key(STATUS, UnaryOperator.identity());
        String laterError = key(STATUS, edits(set("entity.status", "\"error-timeout\""), remove("entity.results"),
                set("timestamp", "\"2026-11-22T05:00:00Z\""), set("author.version", "\"1.3.0\"")));

        assertThat(heartbeat).isEqualTo(completed).isEqualTo(laterError);
        assertThat(KafkaKeys.descriptor(read("valid/status.json", STATUS, UnaryOperator.identity())))
                .contains("0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f.unzip.1.2.0.1795320414.unzip");
    }

    @Test
    void statusesOfAnotherTaskOrPluginDoNot() {
        String completed = key(STATUS, UnaryOperator.identity());

        assertThat(key(STATUS, set("entity.input.dequeued", "\"other-task\""))).isNotEqualTo(completed);
        assertThat(key(STATUS, set("author.name", "\"other-plugin\""))).isNotEqualTo(completed);
    }

    @Test
    void pluginKeyIsNameAndVersion() {
        assertThat(KafkaKeys.descriptor(read("valid/plugin.json", PLUGIN, UnaryOperator.identity())))
                .contains("unzip.1.2.0");
        assertThat(key(PLUGIN, set("entity.description", "\"changed\""))).isEqualTo(key(PLUGIN, UnaryOperator.identity()));
        assertThat(key(PLUGIN, set("entity.version", "\"1.3.0\""))).isNotEqualTo(key(PLUGIN, UnaryOperator.identity()));
    }

    @Test
    void insertKeyIsParentChildAndAuthor() {
        assertThat(KafkaKeys.descriptor(read("valid/insert.json", INSERT, UnaryOperator.identity()))).contains(
                "e47125968b3b71049fbc4802d1e40a71ea1359decfabacf70b34588037d4ff0c."
                        + "713b4f18f0e1371cf3f9cef65ef1843b836a9f83305912faa18f122836816130.alice");
    }

    @ParameterizedTest
    @EnumSource(names = {"DELETE", "DOWNLOAD", "RETROHUNT"})
    void randomKeyModelsGetANewKeyEveryTime(EventModel model) {
        Event event = read("valid/" + model.wireName() + ".json", model, UnaryOperator.identity());

        assertThat(KafkaKeys.descriptor(event)).isEmpty();
        assertThat(KafkaKeys.compute(event)).matches("[0-9a-f]{32}").isNotEqualTo(KafkaKeys.compute(event));
    }

    /** RFC 1321's test suite: every nibble, both halves of a byte, and a fresh digest per call. */
    @Test
    void md5HexIsLowercaseHexOfTheDigest() {
        assertThat(KafkaKeys.md5Hex("".getBytes(UTF_8))).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
        assertThat(KafkaKeys.md5Hex("abc".getBytes(UTF_8))).isEqualTo("900150983cd24fb0d6963f7d28e17f72");
        assertThat(KafkaKeys.md5Hex("message digest".getBytes(UTF_8))).isEqualTo("f96b697d7cb7938d525a2f31aaf161d0");
        assertThat(KafkaKeys.md5Hex("abc".getBytes(UTF_8))).isEqualTo("900150983cd24fb0d6963f7d28e17f72");
    }

    @Test
    void everyModelIsCovered() {
        assertThat(Stream.of(BINARY, STATUS, PLUGIN, INSERT, DELETE, DOWNLOAD, RETROHUNT))
                .containsExactlyInAnyOrder(EventModel.values());
    }

    private String key(EventModel model, UnaryOperator<ObjectNode> edit) {
        return key("valid/" + model.wireName() + ".json", model, edit);
    }

    private String key(String fixture, EventModel model, UnaryOperator<ObjectNode> edit) {
        return KafkaKeys.compute(read(fixture, model, edit));
    }

    private Event read(String fixture, EventModel model, UnaryOperator<ObjectNode> edit) {
        return json.read(edit.apply(Fixtures.tree(fixture)), model);
    }
}
