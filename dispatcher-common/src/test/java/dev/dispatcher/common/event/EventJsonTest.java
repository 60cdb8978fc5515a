package dev.dispatcher.common.event;

import static dev.dispatcher.common.event.EventModel.BINARY;
import static dev.dispatcher.common.event.EventModel.DELETE;
import static dev.dispatcher.common.event.EventModel.DOWNLOAD;
import static dev.dispatcher.common.event.EventModel.INSERT;
import static dev.dispatcher.common.event.EventModel.PLUGIN;
import static dev.dispatcher.common.event.EventModel.RETROHUNT;
import static dev.dispatcher.common.event.EventModel.STATUS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class EventJsonTest {

    /** An unknown property with nested structure and numbers that must survive digit for digit. */
    private static final String UNKNOWN_VALUE =
            "{\"nested\": [1, 2.50, 1e400, \"text\", true, {\"deep\": 12345678901234567890}]}";

    private final EventJson json = new EventJson();

    @ParameterizedTest
    @EnumSource(EventModel.class)
    void exampleEventsSurviveARoundTripUnchanged(EventModel model) {
        ObjectNode original = Fixtures.valid(model);

        assertThat(roundTrip(original, model)).isEqualTo(original);
    }

    static Stream<Arguments> azulFixturesKeepTheirLegacyFields() {
        return Stream.of(
                arguments("azul/key_generator/simple.json", BINARY),
                arguments("azul/key_generator/status_key.json", STATUS),
                arguments("azul/key_generator/plugin.json", PLUGIN),
                arguments("azul/key_generator/path_security_change.json", BINARY));
    }

    @ParameterizedTest
    @MethodSource
    void azulFixturesKeepTheirLegacyFields(String fixture, EventModel model) {
        ObjectNode original = Fixtures.tree(fixture);

        assertThat(roundTrip(original, model)).isEqualTo(original);
    }

    static Stream<Arguments> unknownFieldsSurviveAtEveryLevel() {
        return Stream.of(
                arguments(BINARY, ""),
                arguments(BINARY, "author"),
                arguments(BINARY, "source"),
                arguments(BINARY, "source.path[0]"),
                arguments(BINARY, "source.path[1].author"),
                arguments(BINARY, "entity"),
                arguments(BINARY, "entity.datastreams[0]"),
                arguments(BINARY, "entity.features[1]"),
                arguments(BINARY, "flags"),
                arguments(STATUS, ""),
                arguments(STATUS, "entity"),
                arguments(STATUS, "entity.input"),
                arguments(STATUS, "entity.input.source.path[0]"),
                arguments(STATUS, "entity.results[0].entity.datastreams[0]"),
                arguments(PLUGIN, "entity"),
                arguments(PLUGIN, "entity.features[0]"),
                arguments(INSERT, "entity"),
                arguments(INSERT, "entity.child"),
                arguments(INSERT, "entity.child_history"),
                arguments(INSERT, "entity.child_history.author"),
                arguments(DOWNLOAD, "source"),
                arguments(DOWNLOAD, "entity"),
                arguments(DELETE, "entity"),
                arguments(DELETE, "entity.submission"),
                arguments(RETROHUNT, ""),
                arguments(RETROHUNT, "entity"));
    }

    @ParameterizedTest(name = "{0} at \"{1}\"")
    @MethodSource
    void unknownFieldsSurviveAtEveryLevel(EventModel model, String at) {
        ObjectNode original = Fixtures.valid(model);
        String prefix = at.isEmpty() ? "" : at + ".";
        Fixtures.set(prefix + "x_future_field", UNKNOWN_VALUE).apply(original);
        Fixtures.set(prefix + "x_future_flag", "false").apply(original);

        JsonNode written = roundTrip(original, model);

        assertThat(written).isEqualTo(original);
        assertThat(written.toString()).contains("2.50", "12345678901234567890");
    }

    @Test
    void unknownFieldsAreVisibleOnTheRecords() {
        ObjectNode original = Fixtures.valid(BINARY);
        Fixtures.set("x_top", "1").apply(original);
        Fixtures.set("source.path[0].x_node", "\"n\"").apply(original);

        BinaryEvent event = (BinaryEvent) json.read(original, BINARY);

        assertThat(event.unknown()).containsOnlyKeys("x_top");
        assertThat(event.source().path().getFirst().unknown()).containsEntry("x_node", "n");
        assertThat(event.entity().unknown()).isEmpty();
    }

    @Test
    void aPropertyNamedLikeTheJavaComponentThatCapturesUnknownsIsItselfKept() {
        // Jackson swallows a key equal to the any-setter parameter's name; ours cannot occur in real JSON.
        ObjectNode original = Fixtures.valid(BINARY);
        Fixtures.set("unknown", "{\"a\": 1}").apply(original);
        Fixtures.set("author.unknown", "\"b\"").apply(original);

        assertThat(roundTrip(original, BINARY)).isEqualTo(original);
    }

    @Test
    void nullsAreNeverWrittenAndAbsentFieldsStayAbsent() {
        ObjectNode original = Fixtures.valid(BINARY);
        Fixtures.set("dequeued", "null").apply(original);
        Fixtures.set("flags", "null").apply(original);
        Fixtures.set("author.version", "null").apply(original);
        Fixtures.set("source.references", "{\"ticket\": null, \"user\": \"bob\"}").apply(original);
        Fixtures.set("entity.features", "null").apply(original);
        Fixtures.set("entity.info", "{\"members\": 1, \"gone\": null, \"deep\": {\"gone\": null, \"kept\": 1}}")
                .apply(original);
        Fixtures.set("x_unknown_null", "null").apply(original);

        JsonNode written = roundTrip(original, BINARY);

        assertThat(nullsIn(written)).isZero();
        assertThat(written.has("dequeued")).isFalse();
        assertThat(written.has("flags")).isFalse();
        assertThat(written.has("retries")).isFalse();
        assertThat(written.has("x_unknown_null")).isFalse();
        assertThat(written.path("entity").has("features")).isFalse();
        assertThat(written.path("author").has("version")).isFalse();
        assertThat(written.path("source").path("references")).isEqualTo(Fixtures.json("{\"user\": \"bob\"}"));
        assertThat(written.path("entity").path("info"))
                .isEqualTo(Fixtures.json("{\"members\": 1, \"deep\": {\"kept\": 1}}"));
    }

    @Test
    void timestampsAreWrittenExactlyAsTheProducerSentThem() {
        ObjectNode original = Fixtures.valid(BINARY);
        Fixtures.set("timestamp", "\"2026-11-22T15:06:54.113072+11:00\"").apply(original);

        BinaryEvent event = (BinaryEvent) json.read(original, BINARY);

        assertThat(event.timestamp()).isEqualTo("2026-11-22T15:06:54.113072+11:00");
        assertThat(event.source().timestamp()).isEqualTo("2026-11-22T14:00:01.5+11:00");
        assertThat(json.writeString(event)).contains("\"timestamp\":\"2026-11-22T15:06:54.113072+11:00\"");
    }

    @Test
    void bytesStringAndTreeReadTheSameEvent() {
        byte[] bytes = Fixtures.bytes("valid/status.json");

        Event fromBytes = json.read(bytes, STATUS);

        assertThat(json.read(new String(bytes, StandardCharsets.UTF_8), STATUS)).isEqualTo(fromBytes);
        assertThat(json.read(json.readTree(bytes), STATUS)).isEqualTo(fromBytes);
        assertThat(fromBytes).isInstanceOf(StatusEvent.class);
        assertThat(fromBytes.model()).isEqualTo(STATUS);
    }

    @Test
    void theModelIsNotWrittenIntoTheEvent() {
        assertThat(Fixtures.json(json.writeString(json.read(Fixtures.bytes("valid/plugin.json"), PLUGIN))).has("model"))
                .isFalse();
    }

    @Test
    void aFieldOfTheWrongTypeNamesItsPath() {
        ObjectNode original = Fixtures.valid(BINARY);
        Fixtures.set("source.path[1].size", "{\"bytes\": 1}").apply(original);

        assertThatThrownBy(() -> json.read(original.toString(), BINARY))
                .isInstanceOfSatisfying(EventFormatException.class, e -> {
                    assertThat(e.field()).isEqualTo("source.path[1].size");
                    assertThat(e.violation().code()).isEqualTo("event.malformed");
                    assertThat(e.getMessage()).startsWith("cannot read a binary event at source.path[1].size");
                });
    }

    @Test
    void notJsonIsAFormatError() {
        assertThatThrownBy(() -> json.read("{\"model_version\": 6,".getBytes(StandardCharsets.UTF_8), BINARY))
                .isInstanceOf(EventFormatException.class);
        assertThatThrownBy(() -> json.readTree("nope".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EventFormatException.class)
                .hasMessageStartingWith("not valid JSON");
        assertThatThrownBy(() -> json.read("[{}]", BINARY)).isInstanceOf(EventFormatException.class);
    }

    @Test
    void withersChangeOnlyTheirField() {
        BinaryEvent event = (BinaryEvent) json.read(Fixtures.bytes("valid/binary.json"), BINARY);

        BinaryEvent changed = event.withKafkaKey("k").withDequeued("d").withModelVersion(7);

        assertThat(changed.kafkaKey()).isEqualTo("k");
        assertThat(changed.dequeued()).isEqualTo("d");
        assertThat(changed.modelVersion()).isEqualTo(7);
        assertThat(changed.withKafkaKey(null).withDequeued(null).withModelVersion(6)).isEqualTo(event);
    }

    private JsonNode roundTrip(ObjectNode original, EventModel model) {
        byte[] written = json.write(json.read(original.toString().getBytes(StandardCharsets.UTF_8), model));
        return EventJson.mapper().readTree(written);
    }

    private static int nullsIn(JsonNode node) {
        if (node.isNull()) {
            return 1;
        }
        int nulls = 0;
        for (JsonNode child : node) {
            nulls += nullsIn(child);
        }
        return nulls;
    }
}
