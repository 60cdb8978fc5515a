package dev.dispatcher.api.publish;

import static dev.dispatcher.api.publish.TestEvents.array;
import static dev.dispatcher.api.publish.TestEvents.binary;
import static dev.dispatcher.api.publish.TestEvents.status;
import static dev.dispatcher.api.publish.TestEvents.marker;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatcher.api.StartedApi;
import dev.dispatcher.common.testing.WithKafka;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every caller mistake on publish is a 4xx problem naming what to fix, never a 500, and nothing of a
 * refused request is written. The context's limits: 64 KB per event, 1 MB per request.
 */
@PublishContext
@WithKafka
class PublishBadInputTest extends StartedApi {

    private static final String VALID = binary("samples", "sourced", "bad-input").toString();

    private PublishClient client;

    @BeforeEach
    void client() {
        client = new PublishClient(port);
    }

    static Stream<Arguments> badRequests() {
        ObjectNode noVersion = binary("samples", "sourced", "all-invalid");
        noVersion.remove("model_version");
        ObjectNode noAction = binary("samples", "sourced", "all-invalid");
        noAction.remove("action");
        return Stream.of(
                Arguments.of("unknown model", "model=bogus", "[" + VALID + "]", 400, "invalid_parameter", "model"),
                Arguments.of("avro format", "avro-format=true", "[" + VALID + "]", 400, "invalid_parameter", "avro-format"),
                Arguments.of("flag not a boolean", "sync=maybe", "[" + VALID + "]", 400, "invalid_parameter", "sync"),
                Arguments.of("malformed JSON", "", "{\"model_version\": 6,", 400, "invalid_parameter", "body"),
                Arguments.of("malformed element", "", "[" + VALID + ", {\"a\": }]", 400, "invalid_parameter", "body[1]"),
                Arguments.of("not JSON at all", "", "model_version=6", 400, "invalid_parameter", "body"),
                Arguments.of("empty body", "", "", 400, "invalid_parameter", "body"),
                Arguments.of("blank body", "", " \n ", 400, "invalid_parameter", "body"),
                Arguments.of("empty array", "", "[]", 400, "invalid_parameter", "body"),
                Arguments.of("a string", "", "\"event\"", 400, "invalid_parameter", "body"),
                Arguments.of("two values", "", VALID + " " + VALID, 400, "invalid_parameter", "body"),
                Arguments.of("array holding a number", "", "[" + VALID + ", 42]", 400, "invalid_parameter", "body[1]"),
                Arguments.of("array holding null", "", "[null]", 400, "invalid_parameter", "body[0]"),
                Arguments.of("array holding an array", "", "[[" + VALID + "]]", 400, "invalid_parameter", "body[0]"),
                Arguments.of("every event invalid", "model=binary", array(noVersion, noAction), 400, "no_valid_events", "body[0]"),
                Arguments.of("single invalid event", "", noAction.toString(), 400, "no_valid_events", "body"),
                Arguments.of("event over the size limit", "", "[" + VALID + "," + oversized() + "]", 413, "event_too_large", "body[1]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badRequestIsAProblemNamingTheParameter(String name, String query, String body, int status, String code, String parameter) {
        PublishClient.Response response = client.post(query, body);

        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.code()).isEqualTo(code);
        assertThat(response.parameter()).isEqualTo(parameter);
        assertThat(response.json().path("status").asString()).isEqualTo(Integer.toString(status));
        assertThat(response.json().path("detail").asString()).isNotBlank();
        assertThat(response.json().propertyNames()).as("what Azul's client accepts")
                .containsExactlyInAnyOrder("status", "title", "detail", "error_params");
    }

    @Test
    void allInvalidQuotesTheFirstFailure() {
        ObjectNode noVersion = binary("samples", "sourced", marker());
        noVersion.remove("model_version");

        PublishClient.Response response = client.post("", array(noVersion));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("detail").asString())
                .contains("(body[0])").contains("event.model_version_missing at model_version");
    }

    @Test
    void anEventOverTheSizeLimitRefusesTheRequestAndNothingIsWritten() {
        String marker = marker();

        PublishClient.Response response = client.post("sync=true",
                array(binary("samples", "sourced", marker)).replaceFirst("]$", "," + oversized() + "]"));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.parameter()).isEqualTo("body[1]");
        assertThat(response.json().path("detail").asString()).contains("dispatcher.api.publish.max-event-size");
        assertThat(TopicReader.withMarker(plan.layout().binary("samples", "sourced"), marker)).isEmpty();
    }

    @Test
    void aBodyOverTheRequestLimitIsRefusedByItsLengthAndWhileReadingAChunkedOne() {
        String marker = marker();
        StringBuilder body = new StringBuilder("[");
        String event = binary("samples", "sourced", marker).toString();
        while (body.length() < 1024 * 1024 + 1) {
            body.append(event).append(',');
        }
        body.append(event).append(']');
        byte[] bytes = body.toString().getBytes(UTF_8);

        PublishClient.Response declared = client.post("sync=true", bytes, "application/json");
        PublishClient.Response chunked = client.postChunked("sync=true", bytes);

        for (PublishClient.Response response : new PublishClient.Response[] {declared, chunked}) {
            assertThat(response.status()).isEqualTo(413);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.code()).isEqualTo("request_too_large");
            assertThat(response.parameter()).isEqualTo("body");
        }
        assertThat(TopicReader.withMarker(plan.layout().binary("samples", "sourced"), marker)).isEmpty();
    }

    @Test
    void statusesWhoseTaskCannotBeToldAreFailuresWithTheirReasonAndTheRestIsPublished() {
        String marker = marker();
        ObjectNode noDequeued = status(binary("samples", "sourced", marker), "completed-empty");
        ((ObjectNode) noDequeued.path("entity").path("input")).remove("dequeued");
        ObjectNode malformed = status(binary("samples", "sourced", marker), "heartbeat");
        ((ObjectNode) malformed.path("entity").path("input")).put("dequeued", "not-a-task-id");
        ObjectNode notBinary = status(binary("samples", "sourced", marker), "completed");
        ((ObjectNode) notBinary.path("entity")).put("input", "the task");
        ObjectNode notABinaryEvent = status(binary("samples", "sourced", marker), "completed");
        ((ObjectNode) notABinaryEvent.path("entity").path("input")).remove("action");
        ObjectNode valid = status(binary("samples", "sourced", marker), "opt-out");

        PublishClient.Response response = client.post("sync=true&model=status",
                array(noDequeued, malformed, notBinary, notABinaryEvent, valid));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("total_ok").asInt()).isEqualTo(1);
        assertThat(response.json().path("total_failures").asInt()).isEqualTo(4);
        List<String> errors = new ArrayList<>();
        response.json().path("failures").forEach(f -> errors.add(f.path("error").asString()));
        assertThat(errors.get(0)).contains("status.input.dequeued_missing at entity.input.dequeued");
        assertThat(errors.get(1)).contains("status.input.dequeued_malformed at entity.input.dequeued").contains("not-a-task-id");
        assertThat(errors.get(2)).contains("entity.input");
        assertThat(errors.get(3)).contains("binary.action_missing at entity.input.action");
        assertThat(TopicReader.withMarker(plan.layout().system("status"), marker)).hasSize(1);
    }

    /** A valid binary event just over the context's 64 KB limit (a long filename feature). */
    private static String oversized() {
        ObjectNode event = binary("samples", "sourced", marker());
        ((ObjectNode) event.path("entity")).putArray("features").addObject()
                .put("name", "filename").put("type", "filepath").put("value", "x".repeat(64 * 1024));
        return event.toString();
    }
}
