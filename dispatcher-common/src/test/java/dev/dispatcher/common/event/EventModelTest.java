package dev.dispatcher.common.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventModelTest {

    @ParameterizedTest
    @CsvSource({"binary, BINARY", "status, STATUS", "plugin, PLUGIN", "insert, INSERT", "delete, DELETE",
            "download, DOWNLOAD", "retrohunt, RETROHUNT", "' Binary ', BINARY"})
    void fromNameKnowsTheSevenModels(String name, EventModel model) {
        assertThat(EventModel.fromName(name)).contains(model);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "binaries", "event", "system.status"})
    void fromNameIsEmptyForAnythingElse(String name) {
        assertThat(EventModel.fromName(name)).isEmpty();
        assertThat(EventModel.fromName(null)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventModel.class)
    void wireNameIsLowerCaseAndTheTypeMatches(EventModel model) {
        assertThat(model.wireName()).isEqualTo(model.name().toLowerCase());
        assertThat(new EventJson().read(Fixtures.bytes("valid/" + model.wireName() + ".json"), model))
                .isInstanceOf(model.eventType())
                .extracting(Event::model).isEqualTo(model);
    }

    @ParameterizedTest
    @EnumSource(EventModel.class)
    void infersTheModelOfEachExampleEvent(EventModel model) {
        assertThat(EventModel.infer(Fixtures.valid(model))).contains(model);
    }

    static Stream<Arguments> infersAzulsOwnEvents() {
        return Stream.of(
                arguments("azul/key_generator/simple.json", EventModel.BINARY),
                arguments("azul/key_generator/status_key.json", EventModel.STATUS),
                arguments("azul/key_generator/plugin.json", EventModel.PLUGIN));
    }

    @ParameterizedTest
    @MethodSource
    void infersAzulsOwnEvents(String fixture, EventModel model) {
        assertThat(EventModel.infer(Fixtures.tree(fixture))).contains(model);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"model": "insert", "entity": {"hash": "x"}}                        | INSERT
            {"entity": {"input": {}, "status": "heartbeat"}}                   | STATUS
            {"action": "enriched", "source": {"path": []}, "entity": {}}      | BINARY
            {"entity": {"parent_sha256": "p", "child": {}}}                    | INSERT
            {"action": "requested", "entity": {"hash": "h"}}                   | DOWNLOAD
            {"entity": {"reason": "r"}}                                        | DELETE
            {"entity": {"search_type": "yara"}}                                | RETROHUNT
            {"action": "completed", "entity": {}}                              | RETROHUNT
            {"entity": {"name": "n", "version": "v"}}                          | PLUGIN
            """)
    void infersByShape(String body, EventModel model) {
        assertThat(EventModel.infer(Fixtures.json(body))).contains(model);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "[]", "\"binary\"", "{\"model\": \"nope\"}",
            "{\"action\": \"downloaded\", \"source\": {\"path\": []}}",
            "{\"entity\": {\"name\": \"n\", \"version\": \"v\", \"sha256\": \"s\"}}",
            "{\"entity\": {\"input\": {}}}"})
    void infersNothingFromOtherShapes(String body) {
        assertThat(EventModel.infer(Fixtures.json(body))).isEmpty();
    }

    @Test
    void infersNothingFromNull() {
        assertThat(EventModel.infer(null)).isEmpty();
    }
}
