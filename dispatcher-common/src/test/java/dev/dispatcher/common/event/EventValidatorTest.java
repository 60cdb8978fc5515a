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
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

class EventValidatorTest {

    private static final String CONTENT = "{\"label\": \"content\"}";
    private static final String REPORT = "{\"label\": \"report\"}";

    private final EventValidator validator = new EventValidator();
    private final EventJson json = new EventJson();

    @ParameterizedTest
    @EnumSource(EventModel.class)
    void exampleEventOfEveryModelIsValid(EventModel model) {
        assertThat(validate(model, UnaryOperator.identity())).isEmpty();
    }

    static Stream<Arguments> validVariants() {
        return Stream.of(
                argumentSet("newer model_version is accepted", BINARY, set("model_version", "7")),
                argumentSet("timestamp in Z", BINARY, set("timestamp", "\"2026-11-22T04:06:54Z\"")),
                argumentSet("timestamp with negative offset, no fraction", BINARY,
                        set("timestamp", "\"2026-11-22T00:06:54-04:00\"")),
                argumentSet("sourced with one path node", BINARY, edits(set("action", "\"sourced\""),
                        remove("source.path[1]"))),
                argumentSet("augmented with content and report", BINARY, edits(set("action", "\"augmented\""),
                        set("entity.datastreams", "[" + CONTENT + "," + REPORT + "]"))),
                argumentSet("mapped with a report only", BINARY, edits(set("action", "\"mapped\""),
                        set("entity.datastreams", "[" + REPORT + "]"))),
                argumentSet("enriched without streams", BINARY, edits(set("action", "\"enriched\""),
                        remove("entity.datastreams"))),
                argumentSet("enriched as the last path node", BINARY, edits(set("action", "\"enriched\""),
                        remove("entity.datastreams"), set("source.path[1].action", "\"enriched\""))),
                argumentSet("no flags, references or settings", BINARY, edits(remove("flags"),
                        remove("source.references"), remove("source.settings"))),
                argumentSet("heartbeat without results", STATUS, edits(set("entity.status", "\"heartbeat\""),
                        remove("entity.results"))),
                argumentSet("error status without results", STATUS, edits(set("entity.status", "\"error-timeout\""),
                        remove("entity.results"))),
                argumentSet("status input without model_version", STATUS, remove("entity.input.model_version")),
                argumentSet("status result without model_version", STATUS, remove("entity.results[0].model_version")),
                argumentSet("delete by ids", DELETE, edits(set("action", "\"ids\""),
                        set("entity.ids", "{\"ids\": [\"a\"]}"))),
                argumentSet("retrohunt without action", RETROHUNT, remove("action")),
                argumentSet("retrohunt with odd entity", RETROHUNT, set("entity", "{\"anything\": [1, 2]}")));
    }

    @ParameterizedTest
    @MethodSource
    void validVariants(EventModel model, UnaryOperator<ObjectNode> edit) {
        assertThat(validate(model, edit)).isEmpty();
    }

    static Stream<Arguments> invalidEvents() {
        return Stream.of(
                // envelope, every model
                argumentSet("model_version missing", BINARY, remove("model_version"),
                        "event.model_version_missing", "model_version"),
                argumentSet("model_version 5 is outdated", BINARY, set("model_version", "5"),
                        "event.model_version_outdated", "model_version"),
                argumentSet("author missing", BINARY, remove("author"), "event.author_name_missing", "author.name"),
                argumentSet("author.name empty", BINARY, set("author.name", "\"\""),
                        "event.author_name_missing", "author.name"),
                argumentSet("timestamp missing", BINARY, remove("timestamp"), "event.timestamp_missing", "timestamp"),
                argumentSet("timestamp without zone", BINARY, set("timestamp", "\"2026-11-22T04:06:54.113072\""),
                        "event.timestamp_zone_missing", "timestamp"),
                argumentSet("timestamp date only", BINARY, set("timestamp", "\"2026-11-22\""),
                        "event.timestamp_invalid", "timestamp"),
                argumentSet("timestamp not a date", BINARY, set("timestamp", "\"yesterday\""),
                        "event.timestamp_invalid", "timestamp"),
                argumentSet("status author.name missing", STATUS, remove("author.name"),
                        "event.author_name_missing", "author.name"),
                argumentSet("plugin author.name missing", PLUGIN, remove("author.name"),
                        "event.author_name_missing", "author.name"),
                argumentSet("insert author.name missing", INSERT, remove("author.name"),
                        "event.author_name_missing", "author.name"),
                argumentSet("download author.name missing", DOWNLOAD, remove("author.name"),
                        "event.author_name_missing", "author.name"),
                argumentSet("delete author.name missing", DELETE, remove("author.name"),
                        "event.author_name_missing", "author.name"),
                argumentSet("retrohunt author.name missing", RETROHUNT, remove("author.name"),
                        "event.author_name_missing", "author.name"),
                argumentSet("retrohunt timestamp without zone", RETROHUNT, set("timestamp", "\"2026-11-22T08:00:00\""),
                        "event.timestamp_zone_missing", "timestamp"),

                // binary
                argumentSet("binary action missing", BINARY, remove("action"), "binary.action_missing", "action"),
                argumentSet("binary action unknown", BINARY, set("action", "\"downloaded\""),
                        "binary.action_invalid", "action"),
                argumentSet("binary source missing", BINARY, remove("source"), "binary.source_missing", "source"),
                argumentSet("binary source.name missing", BINARY, remove("source.name"),
                        "binary.source.name_missing", "source.name"),
                argumentSet("binary source.timestamp missing", BINARY, remove("source.timestamp"),
                        "event.timestamp_missing", "source.timestamp"),
                argumentSet("binary path empty", BINARY, set("source.path", "[]"), "binary.path.empty", "source.path"),
                argumentSet("binary path missing", BINARY, remove("source.path"), "binary.path.empty", "source.path"),
                argumentSet("path node sha256 missing", BINARY, remove("source.path[1].sha256"),
                        "binary.path.sha256_missing", "source.path[1].sha256"),
                argumentSet("path node sha256 upper case", BINARY, set("source.path[0].sha256",
                                "\"E47125968B3B71049FBC4802D1E40A71EA1359DECFABACF70B34588037D4FF0C\""),
                        "binary.path.sha256_invalid", "source.path[0].sha256"),
                argumentSet("path node sha256 with Azul's legacy suffix", BINARY, set("source.path[0].sha256",
                                "\"e47125968b3b71049fbc4802d1e40a71ea1359decfabacf70b34588037d4ff0c-1612629803\""),
                        "binary.path.sha256_invalid", "source.path[0].sha256"),
                argumentSet("path node action missing", BINARY, remove("source.path[1].action"),
                        "binary.path.action_missing", "source.path[1].action"),
                argumentSet("path node legacy action", BINARY, set("source.path[0].action", "\"download_requested\""),
                        "binary.path.action_invalid", "source.path[0].action"),
                argumentSet("path node author.name missing", BINARY, remove("source.path[1].author.name"),
                        "binary.path.author_name_missing", "source.path[1].author.name"),
                argumentSet("path node timestamp missing", BINARY, remove("source.path[1].timestamp"),
                        "event.timestamp_missing", "source.path[1].timestamp"),
                argumentSet("path node timestamp without zone", BINARY,
                        set("source.path[0].timestamp", "\"2026-11-22T03:00:01.500000\""),
                        "event.timestamp_zone_missing", "source.path[0].timestamp"),
                argumentSet("path node null", BINARY, set("source.path[0]", "null"),
                        "event.null_element", "source.path[0]"),
                argumentSet("enriched node before the last", BINARY, set("source.path[0].action", "\"enriched\""),
                        "binary.path.enriched_not_last", "source.path[0].action"),
                argumentSet("entity missing", BINARY, remove("entity"), "binary.entity_missing", "entity"),
                argumentSet("entity.sha256 missing", BINARY, remove("entity.sha256"),
                        "binary.entity.sha256_missing", "entity.sha256"),
                argumentSet("entity.sha256 too short", BINARY, set("entity.sha256", "\"ddc9e669\""),
                        "binary.entity.sha256_invalid", "entity.sha256"),
                argumentSet("datastream label missing", BINARY, set("entity.datastreams", "[" + CONTENT + ", {}]"),
                        "binary.datastream.label_missing", "entity.datastreams[1].label"),
                argumentSet("datastream label unknown", BINARY,
                        set("entity.datastreams", "[" + CONTENT + ", {\"label\": \"thumbnail\"}]"),
                        "binary.datastream.label_invalid", "entity.datastreams[1].label"),
                argumentSet("feature name missing", BINARY, remove("entity.features[0].name"),
                        "binary.feature.name_missing", "entity.features[0].name"),
                argumentSet("feature type missing", BINARY, remove("entity.features[1].type"),
                        "binary.feature.type_missing", "entity.features[1].type"),
                argumentSet("feature type unknown", BINARY, set("entity.features[1].type", "\"number\""),
                        "binary.feature.type_invalid", "entity.features[1].type"),
                argumentSet("feature value missing", BINARY, remove("entity.features[0].value"),
                        "binary.feature.value_missing", "entity.features[0].value"),
                argumentSet("extracted without streams", BINARY, remove("entity.datastreams"),
                        "binary.content_missing", "entity.datastreams"),
                argumentSet("sourced with a report but no content", BINARY, edits(set("action", "\"sourced\""),
                                set("entity.datastreams", "[" + REPORT + "]")),
                        "binary.content_missing", "entity.datastreams"),
                argumentSet("augmented with content only", BINARY, set("action", "\"augmented\""),
                        "binary.augmented_stream_missing", "entity.datastreams"),
                argumentSet("mapped with content", BINARY, edits(set("action", "\"mapped\""),
                                set("entity.datastreams", "[" + REPORT + "," + CONTENT + "]")),
                        "binary.mapped_has_content", "entity.datastreams[1].label"),
                argumentSet("enriched with streams", BINARY, set("action", "\"enriched\""),
                        "binary.enriched_has_streams", "entity.datastreams"),

                // status
                argumentSet("status entity missing", STATUS, remove("entity"), "status.entity_missing", "entity"),
                argumentSet("status value missing", STATUS, remove("entity.status"),
                        "status.status_missing", "entity.status"),
                argumentSet("status value unknown", STATUS, set("entity.status", "\"done\""),
                        "status.status_invalid", "entity.status"),
                argumentSet("status input missing", STATUS, remove("entity.input"),
                        "status.input_missing", "entity.input"),
                argumentSet("status input without dequeued", STATUS, remove("entity.input.dequeued"),
                        "status.input.dequeued_missing", "entity.input.dequeued"),
                argumentSet("status input with an empty path", STATUS, set("entity.input.source.path", "[]"),
                        "binary.path.empty", "entity.input.source.path"),
                argumentSet("status input entity.sha256 missing", STATUS, remove("entity.input.entity.sha256"),
                        "binary.entity.sha256_missing", "entity.input.entity.sha256"),
                argumentSet("results on an opt-out", STATUS, set("entity.status", "\"opt-out\""),
                        "status.results_not_allowed", "entity.results"),
                argumentSet("results on a heartbeat", STATUS, set("entity.status", "\"heartbeat\""),
                        "status.results_not_allowed", "entity.results"),
                argumentSet("result without content", STATUS, remove("entity.results[0].entity.datastreams"),
                        "binary.content_missing", "entity.results[0].entity.datastreams"),
                argumentSet("result author.name missing", STATUS, remove("entity.results[0].author.name"),
                        "event.author_name_missing", "entity.results[0].author.name"),
                argumentSet("result path node sha256 invalid", STATUS,
                        set("entity.results[0].source.path[1].sha256", "\"nope\""),
                        "binary.path.sha256_invalid", "entity.results[0].source.path[1].sha256"),
                argumentSet("result null", STATUS, set("entity.results[0]", "null"),
                        "event.null_element", "entity.results[0]"),

                // plugin
                argumentSet("plugin entity missing", PLUGIN, remove("entity"), "plugin.entity_missing", "entity"),
                argumentSet("plugin name missing", PLUGIN, remove("entity.name"), "plugin.name_missing", "entity.name"),
                argumentSet("plugin version missing", PLUGIN, remove("entity.version"),
                        "plugin.version_missing", "entity.version"),
                argumentSet("plugin feature name missing", PLUGIN, remove("entity.features[0].name"),
                        "plugin.feature.name_missing", "entity.features[0].name"),
                argumentSet("plugin feature desc missing", PLUGIN, remove("entity.features[0].desc"),
                        "plugin.feature.desc_missing", "entity.features[0].desc"),
                argumentSet("plugin feature type missing", PLUGIN, remove("entity.features[0].type"),
                        "plugin.feature.type_missing", "entity.features[0].type"),
                argumentSet("plugin feature type unknown", PLUGIN, set("entity.features[0].type", "\"text\""),
                        "plugin.feature.type_invalid", "entity.features[0].type"),

                // insert
                argumentSet("insert entity missing", INSERT, remove("entity"), "insert.entity_missing", "entity"),
                argumentSet("insert original_source missing", INSERT, remove("entity.original_source"),
                        "insert.original_source_missing", "entity.original_source"),
                argumentSet("insert parent_sha256 missing", INSERT, remove("entity.parent_sha256"),
                        "insert.parent_sha256_missing", "entity.parent_sha256"),
                argumentSet("insert parent_sha256 invalid", INSERT, set("entity.parent_sha256", "\"parent\""),
                        "insert.parent_sha256_invalid", "entity.parent_sha256"),
                argumentSet("insert child missing", INSERT, remove("entity.child"),
                        "insert.child_missing", "entity.child"),
                argumentSet("insert child.sha256 missing", INSERT, remove("entity.child.sha256"),
                        "insert.child.sha256_missing", "entity.child.sha256"),
                argumentSet("insert child datastream label unknown", INSERT,
                        set("entity.child.datastreams[0].label", "\"blob\""),
                        "insert.child.datastream.label_invalid", "entity.child.datastreams[0].label"),
                argumentSet("insert child_history missing", INSERT, remove("entity.child_history"),
                        "insert.child_history_missing", "entity.child_history"),
                argumentSet("insert child_history.sha256 missing", INSERT, remove("entity.child_history.sha256"),
                        "insert.child_history.sha256_missing", "entity.child_history.sha256"),
                argumentSet("insert child_history.action missing", INSERT, remove("entity.child_history.action"),
                        "insert.child_history.action_missing", "entity.child_history.action"),
                argumentSet("insert child_history.author.name missing", INSERT,
                        remove("entity.child_history.author.name"),
                        "insert.child_history.author_name_missing", "entity.child_history.author.name"),

                // download
                argumentSet("download action missing", DOWNLOAD, remove("action"), "download.action_missing", "action"),
                argumentSet("download action unknown", DOWNLOAD, set("action", "\"started\""),
                        "download.action_invalid", "action"),
                argumentSet("download source missing", DOWNLOAD, remove("source"), "download.source_missing", "source"),
                argumentSet("download source.name missing", DOWNLOAD, remove("source.name"),
                        "download.source.name_missing", "source.name"),
                argumentSet("download source.timestamp missing", DOWNLOAD, remove("source.timestamp"),
                        "event.timestamp_missing", "source.timestamp"),
                argumentSet("download source.timestamp without zone", DOWNLOAD,
                        set("source.timestamp", "\"2026-11-22T06:00:00\""),
                        "event.timestamp_zone_missing", "source.timestamp"),
                argumentSet("download entity missing", DOWNLOAD, remove("entity"), "download.entity_missing", "entity"),
                argumentSet("download hash missing", DOWNLOAD, remove("entity.hash"),
                        "download.hash_missing", "entity.hash"),

                // delete
                argumentSet("delete action missing", DELETE, remove("action"), "delete.action_missing", "action"),
                argumentSet("delete action unknown", DELETE, set("action", "\"everything\""),
                        "delete.action_invalid", "action"),
                argumentSet("delete entity missing", DELETE, remove("entity"), "delete.entity_missing", "entity"),
                argumentSet("delete reason missing", DELETE, remove("entity.reason"),
                        "delete.reason_missing", "entity.reason"),
                argumentSet("submission delete without submission", DELETE, remove("entity.submission"),
                        "delete.target_missing", "entity.submission.track_source_references"),
                argumentSet("link delete without link", DELETE, set("action", "\"link\""),
                        "delete.target_missing", "entity.link.track_link"),
                argumentSet("ids delete without ids", DELETE, edits(set("action", "\"ids\""),
                                set("entity.ids", "{\"ids\": []}")),
                        "delete.target_missing", "entity.ids.ids"),
                argumentSet("author delete without its timestamp", DELETE, edits(set("action", "\"author\""),
                                set("entity.author", "{\"track_author\": \"plugin.unzip.1.2.0\"}")),
                        "event.timestamp_missing", "entity.author.timestamp"),

                // retrohunt
                argumentSet("retrohunt action unknown", RETROHUNT, set("action", "\"paused\""),
                        "retrohunt.action_invalid", "action"));
    }

    @ParameterizedTest
    @MethodSource
    void invalidEvents(EventModel model, UnaryOperator<ObjectNode> edit, String code, String field) {
        List<Violation> violations = validate(model, edit);

        assertThat(violations).extracting(Violation::code, Violation::field)
                .containsExactly(tuple(code, field));
        assertThat(violations.getFirst().message()).isNotBlank();
    }

    @Test
    void reportsEveryViolationNotJustTheFirst() {
        List<Violation> violations = validate(BINARY, edits(remove("author"), remove("entity.sha256"),
                set("source.path[1].action", "\"copied\"")));

        assertThat(violations).extracting(Violation::code).containsExactly(
                "event.author_name_missing", "binary.path.action_invalid", "binary.entity.sha256_missing");
    }

    @Test
    void azulVersion5FixtureIsRejectedWithReasonsAPluginAuthorCanActOn() {
        Event legacy = json.read(Fixtures.bytes("azul/key_generator/simple.json"), BINARY);

        assertThat(validator.validate(legacy)).extracting(Violation::code).contains(
                "event.model_version_outdated", "binary.path.sha256_invalid", "binary.path.action_invalid");
    }

    private List<Violation> validate(EventModel model, UnaryOperator<ObjectNode> edit) {
        return validator.validate(json.read(edit.apply(Fixtures.valid(model)), model));
    }
}
