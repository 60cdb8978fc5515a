package dev.dispatcher.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.dispatcher.api.task.TaskId;
import dev.dispatcher.common.event.BinaryEvent;
import dev.dispatcher.common.event.Event;
import dev.dispatcher.common.event.EventJson;
import dev.dispatcher.common.event.EventModel;
import dev.dispatcher.common.event.EventValidator;
import dev.dispatcher.common.event.KafkaKeys;
import dev.dispatcher.common.event.TrackingFields;
import dev.dispatcher.common.event.Violation;
import io.swagger.v3.core.util.Yaml31;
import io.swagger.v3.oas.models.OpenAPI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI file on its own: well-formed for the tools that read it, both parameter spellings of
 * DESIGN §5 on both fetch operations, and examples the server would really produce (events that pass
 * validation, keys and tracking fields the server computes, error bodies matching their status).
 *
 * <p>Full schema validation is not here: no OpenAPI validator (swagger-parser) comes with springdoc
 * 3.0.0; swagger-core, which does, only reads the document into its model.
 */
class OpenApiDescriptionTest {

    private static final OpenApiSpec SPEC = OpenApiSpec.load();
    private static final EventJson CODEC = new EventJson();
    private static final EventValidator VALIDATOR = new EventValidator();
    private static final Set<String> SERVER_FIELDS = Set.of("kafka_key", "track_source_references", "track_links",
            "track_authors", "dequeued");

    // ---- well-formed -----------------------------------------------------------------------------------

    @Test
    void swaggerCoreReadsItAsOpenApi31() throws Exception {
        OpenAPI model = Yaml31.mapper().readValue(OpenApiSpec.bytes(), OpenAPI.class);

        assertThat(model.getOpenapi()).startsWith("3.1.");
        assertThat(model.getPaths().keySet()).containsExactlyInAnyOrderElementsOf(SPEC.root().path("paths").propertyNames());
        assertThat(model.getComponents().getSchemas().keySet())
                .containsExactlyInAnyOrderElementsOf(SPEC.root().path("components").path("schemas").propertyNames());
    }

    @Test
    void everyReferenceResolvesAndExampleValuesHoldNone() {
        List<String> problems = new ArrayList<>();
        walk(SPEC.root(), "#", false, problems);
        assertThat(problems).isEmpty();
    }

    /** Example values are literal in OpenAPI: a {@code $ref} inside one is shown as data, not followed. */
    private static void walk(JsonNode node, String where, boolean inExample, List<String> problems) {
        if (node.isObject()) {
            if (node.has("$ref")) {
                String ref = node.get("$ref").asString();
                if (inExample) {
                    problems.add(where + ": $ref inside an example value (" + ref + ")");
                } else {
                    try {
                        SPEC.pointer(ref);
                    } catch (IllegalArgumentException e) {
                        problems.add(where + ": " + e.getMessage());
                    }
                }
            }
            node.properties().forEach(member -> walk(member.getValue(), where + "/" + member.getKey(),
                    inExample || isExampleValue(where, member.getKey()), problems));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), where + "/" + i, inExample, problems);
            }
        }
    }

    private static boolean isExampleValue(String where, String member) {
        return member.equals("example") && !where.endsWith("/properties")
                || member.equals("value") && where.matches(".*/examples/[^/]+");
    }

    @Test
    void pathVariablesAreDeclaredAndOperationIdsUnique() {
        Set<String> ids = new HashSet<>();
        for (OpenApiSpec.Operation operation : SPEC.operations()) {
            String id = operation.node().path("operationId").asString("");
            assertThat(id).as("operationId of %s", operation.key()).isNotBlank();
            assertThat(ids.add(id)).as("operationId %s used twice", id).isTrue();

            Set<String> variables = new TreeSet<>();
            Matcher m = Pattern.compile("\\{([^}]+)}").matcher(operation.path());
            while (m.find()) {
                variables.add(m.group(1));
            }
            Set<String> declared = SPEC.parameters(operation).stream()
                    .filter(p -> p.path("in").asString().equals("path"))
                    .peek(p -> assertThat(p.path("required").asBoolean()).as("path parameter %s required", p.get("name")).isTrue())
                    .map(p -> p.get("name").asString()).collect(Collectors.toCollection(TreeSet::new));
            assertThat(declared).as("path parameters of %s", operation.key()).isEqualTo(variables);

            operation.node().path("responses").propertyNames().forEach(code ->
                    assertThat(code).as("response code of %s", operation.key()).matches("[1-5][0-9][0-9]|default"));
        }
    }

    // ---- both spellings --------------------------------------------------------------------------------

    /** DESIGN §5: documented spelling → Azul client's alias. */
    private static final Map<String, String> ALIASES = Map.of(
            "timeout", "deadline",
            "ignore-historic", "r-historic",
            "requires-data", "r-content",
            "f-max-content-size", "r-under-content-size",
            "f-min-content-size", "r-over-content-size",
            "f-allow-event-type", "r-action",
            "f-deny-event-type", "d-action",
            "f-self", "d-self",
            "f-data-type", "r-streams");
    /** DESIGN §5: the same in both, only documented, only Azul's; §9: sent by Azul's client and ignored. */
    private static final Set<String> SINGLES = Set.of("name", "version", "count", "filter", "r-live", "r-expedite",
            "r-source", "deployment_key", "max-security", "debug", "reset", "avro-format");

    @Test
    void fetchOperationsTakeEveryParameterInBothSpellings() {
        Set<String> expected = new TreeSet<>(SINGLES);
        expected.addAll(ALIASES.keySet());
        expected.addAll(ALIASES.values());
        for (String id : List.of("fetchPassive", "fetchActive")) {
            OpenApiSpec.Operation operation = SPEC.operation(id);
            Map<String, JsonNode> query = SPEC.parameters(operation).stream()
                    .filter(p -> p.path("in").asString().equals("query"))
                    .collect(Collectors.toMap(p -> p.get("name").asString(), p -> p));

            assertThat(query.keySet()).as("query parameters of %s", id).containsExactlyInAnyOrderElementsOf(expected);
            ALIASES.forEach((documented, azul) -> {
                assertThat(query.get(documented).path("x-dispatcher-spelling").asString()).isEqualTo("documented");
                assertThat(query.get(documented).path("x-dispatcher-alias").asString()).isEqualTo(azul);
                assertThat(query.get(azul).path("x-dispatcher-spelling").asString()).isEqualTo("azul-client");
                assertThat(query.get(azul).path("x-dispatcher-alias").asString()).isEqualTo(documented);
            });
        }
    }

    @Test
    void everyApiQueryParameterSaysWhichSpellingItIs() {
        for (OpenApiSpec.Operation operation : SPEC.operations()) {
            if (!operation.path().startsWith("/api/")) {
                continue;
            }
            for (JsonNode parameter : SPEC.parameters(operation)) {
                if (parameter.path("in").asString().equals("query")) {
                    assertThat(parameter.path("x-dispatcher-spelling").asString())
                            .as("x-dispatcher-spelling of %s on %s", parameter.get("name"), operation.key())
                            .isIn("documented", "azul-client", "both");
                    assertThat(parameter.path("description").asString()).as("description of %s", parameter.get("name")).isNotBlank();
                }
            }
        }
    }

    // ---- examples the server would produce ---------------------------------------------------------------

    @Test
    void problemExamplesMatchTheirStatusAndTheCommonShape() {
        int seen = 0;
        for (OpenApiSpec.Operation operation : SPEC.operations()) {
            for (var response : operation.node().path("responses").properties()) {
                JsonNode problem = SPEC.resolve(response.getValue()).path("content").path("application/problem+json");
                for (JsonNode example : examples(problem)) {
                    seen++;
                    assertThat(example.propertyNames()).as("members of a problem of %s", operation.key())
                            .containsExactlyInAnyOrder("status", "title", "detail", "error_params");
                    assertThat(example.path("status").isString()).as("status is a string").isTrue();
                    assertThat(example.path("status").asString()).isEqualTo(response.getKey());
                    assertThat(example.path("title").asString()).isNotBlank();
                    assertThat(example.path("detail").asString()).isNotBlank();
                    assertThat(example.path("error_params").path("code").asString()).isNotBlank();
                }
            }
        }
        assertThat(seen).isGreaterThan(10);
    }

    private static List<JsonNode> examples(JsonNode media) {
        List<JsonNode> values = new ArrayList<>();
        if (media.has("example")) {
            values.add(media.get("example"));
        }
        media.path("examples").forEach(example -> values.add(SPEC.resolve(example).get("value")));
        return values;
    }

    @Test
    void everyExampleEventPassesValidationWithTheServersKeysAndTrackingFields() {
        List<JsonNode> events = new ArrayList<>();
        exampleValues(SPEC.root(), "#").forEach(value -> collectEvents(value, events));
        assertThat(events).as("events in the examples").hasSizeGreaterThanOrEqualTo(7);

        for (JsonNode tree : events) {
            EventModel model = EventModel.infer(tree).orElseThrow(() -> new AssertionError("model of " + tree));
            Event event = CODEC.read(tree, model);
            assertThat(VALIDATOR.validate(event)).as("violations of the %s example %s", model.wireName(), tree).isEmpty();
            serverFieldsAsComputed(tree, event);
            if (model == EventModel.STATUS) {
                JsonNode input = tree.path("entity").path("input");
                serverFieldsAsComputed(input, CODEC.read(input, EventModel.BINARY));
                for (JsonNode result : tree.path("entity").path("results")) {
                    serverFieldsAsComputed(result, CODEC.read(result, EventModel.BINARY));
                }
            }
        }
    }

    /** Every example value of the document ({@code example} members and the {@code value} of Example objects). */
    private static List<JsonNode> exampleValues(JsonNode node, String where) {
        List<JsonNode> values = new ArrayList<>();
        if (node.isObject()) {
            node.properties().forEach(member -> {
                if (isExampleValue(where, member.getKey())) {
                    values.add(member.getValue());
                } else {
                    values.addAll(exampleValues(member.getValue(), where + "/" + member.getKey()));
                }
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                values.addAll(exampleValues(node.get(i), where + "/" + i));
            }
        }
        return values;
    }

    /** Objects that look like events (envelope members), not looking inside them. */
    private static void collectEvents(JsonNode node, List<JsonNode> events) {
        if (node.isObject() && node.has("model_version") && node.has("author") && node.has("timestamp")) {
            events.add(node);
        } else if (node.isContainer()) {
            node.forEach(child -> collectEvents(child, events));
        }
    }

    /** {@code kafka_key}, tracking fields and {@code dequeued}, where the example shows them, are what the server sets. */
    private static void serverFieldsAsComputed(JsonNode tree, Event event) {
        if (tree.has("kafka_key")) {
            assertThat(tree.get("kafka_key").asString()).as("kafka_key of %s", tree).isEqualTo(KafkaKeys.compute(event));
        }
        if (event instanceof BinaryEvent binary) {
            JsonNode tracked = EventJson.mapper().valueToTree(TrackingFields.apply(binary));
            for (String field : List.of("track_source_references", "track_links", "track_authors")) {
                if (tree.has(field)) {
                    assertThat(tree.get(field)).as("%s of %s", field, tree).isEqualTo(tracked.get(field));
                }
            }
            if (tree.has("dequeued")) {
                assertThat(tree.get("dequeued").asString()).as("dequeued: <kafka_key>.<plugin>.<version>.<unix seconds>.a<n>-<hex>")
                        .startsWith(tree.path("kafka_key").asString() + ".").matches(TaskId::wellFormed);
            }
        }
    }

    @Test
    void writtenAndFetchedExamplesAreThePublishedEventWithServerFields() {
        JsonNode published = SPEC.example("BinarySourcedEvent");
        assertThat(SPEC.example("PublishBinarySourced")).containsExactly(published);

        JsonNode written = SPEC.example("PublishResponseWithOk").path("ok").get(0);
        assertThat(withoutServerFields(written)).isEqualTo(published);
        assertThat(written.has("kafka_key")).isTrue();

        JsonNode fetched = SPEC.example("FetchedOneTask");
        assertThat(fetched.path("info").path("fetched").asInt()).isEqualTo(fetched.path("events").size());
        assertThat(fetched.path("info").path("filtered").asInt())
                .isEqualTo(fetched.path("info").path("filters").valueStream().mapToInt(JsonNode::asInt).sum());
        assertThat(withoutServerFields(fetched.path("events").get(0))).isEqualTo(published);
        assertThat(withoutServerFields(fetched.path("events").get(0)))
                .isEqualTo(withoutServerFields(written));

        JsonNode multipart = SPEC.resolve(SPEC.root().path("components").path("responses").path("Fetched"))
                .path("content").path("multipart/form-data").path("examples").path("oneTask").path("value");
        assertThat(multipart.path("info")).isEqualTo(fetched.path("info"));
        assertThat(multipart.path("events").path("events")).isEqualTo(fetched.path("events"));
    }

    @Test
    void failureExampleIsWhatTheServerSaysOfTheInvalidRequestEvent() {
        JsonNode request = SPEC.example("PublishOneInvalid");
        JsonNode response = SPEC.example("PublishResponseOneFailure");

        assertThat(response.path("total_ok").asInt() + response.path("total_failures").asInt()).isEqualTo(request.size());
        assertThat(response.path("failures").size()).isEqualTo(response.path("total_failures").asInt());
        for (JsonNode failure : response.path("failures")) {
            assertThat(failure.get("event").isString()).as("Azul's client reads the failed event as a string").isTrue();
            JsonNode event = dev.dispatcher.common.event.EventJson.mapper().readTree(failure.get("event").asString());
            assertThat(request).as("the failed event is one of the request, exactly as sent").contains(event);
            EventModel model = EventModel.infer(event).orElseThrow();
            String error = VALIDATOR.validate(CODEC.read(event, model)).stream()
                    .map(Violation::toString).collect(Collectors.joining("; "));
            assertThat(failure.path("error").asString()).isEqualTo(error);
        }
    }

    private static JsonNode withoutServerFields(JsonNode event) {
        ObjectNode copy = (ObjectNode) event.deepCopy();
        SERVER_FIELDS.forEach(copy::remove);
        return copy;
    }

    @Test
    void documentLoadsAsTheServerLoadsIt() {
        assertThatCode(OpenApiDocument::load).doesNotThrowAnyException();
        assertThat(OpenApiSpec.parseYaml(OpenApiDocument.load().yaml())).isEqualTo(SPEC.root());
    }
}
