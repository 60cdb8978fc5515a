package dev.dispatcher.api.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dispatcher.api.StartedApi;
import dev.dispatcher.common.testing.WithKafka;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/v2/event/simulate} judges an event with every registered plugin's filters and
 * answers in exactly the shape Azul's client validates.
 */
@PluginContext
@WithKafka
class SimulateApiTest extends StartedApi {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    PluginRegistry registry;

    private SimulateClient client;

    @BeforeEach
    void client() {
        client = new SimulateClient(port);
    }

    /** Registers each (name, config) under version 1.0 and waits until the registry knows them all. */
    private void register(Map<String, Map<String, String>> plugins) {
        plugins.forEach((name, config) -> TestPlugins.register(plan.layout(), TestPlugins.registration(name, "1.0", config)));
        await().atMost(WAIT).until(() -> plugins.keySet().stream().allMatch(name ->
                registry.registrations().stream().anyMatch(r -> r.name().equals(name))));
    }

    private JsonNode verdict(SimulateClient.Response response, String name) {
        return response.consumer(name, "1.0").orElseThrow(() -> new AssertionError(name + " not in " + response.body()));
    }

    @Test
    void simulateNamesTheRejectingFilterForOnePluginAndPassesTheEventForAnother() {
        String small = TestPlugins.unique("small-files");
        String windows = TestPlugins.unique("windows-exe");
        register(Map.of(
                small, Map.of("filter_max_content_size", "1000", "filter_self", "false"),
                windows, Map.of("filter_data_types", "{\"content\": [\"executable/windows/\"]}",
                        "filter_max_content_size", "209715200")));

        SimulateClient.Response response = client.simulate("",
                TestPlugins.binary("sourced", "ingestor", 5000, "executable/windows/pe32").toString());

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(verdict(response, small).path("filter_out").booleanValue()).isTrue();
        assertThat(verdict(response, small).path("filter_out_trigger").stringValue()).isEqualTo("max-content-size");
        assertThat(verdict(response, windows).path("filter_out").booleanValue()).isFalse();
        assertThat(verdict(response, windows).path("filter_out_trigger").stringValue()).isEmpty();
    }

    @Test
    void aPluginRegisteredThroughThePublishApiIsSimulated() {
        String name = TestPlugins.unique("published");
        ObjectNode registration = TestPlugins.registration(name, "3.1", Map.of("filter_allow_event_types", "[\"extracted\"]"));
        registration.remove("kafka_key");

        assertThat(client.publish("avro-format=false&model=plugin&sync=true", "[" + registration + "]")).isEqualTo(200);

        await().atMost(WAIT).until(() -> registry.registrations().stream().anyMatch(r -> r.name().equals(name)));
        assertThat(registry.registrations()).filteredOn(r -> r.name().equals(name)).singleElement()
                .extracting(PluginRegistration::key).isEqualTo(TestPlugins.key(name, "3.1"));
        SimulateClient.Response response = client.simulate("", TestPlugins.binary("sourced", "ingestor", 10, "text/plain").toString());
        assertThat(response.consumer(name, "3.1")).get()
                .satisfies(c -> assertThat(c.path("filter_out_trigger").stringValue()).isEqualTo("allow-event-type"));
    }

    @Test
    void answerHoldsExactlyTheMembersAzulsClientAccepts() {
        String name = TestPlugins.unique("shape");
        register(Map.of(name, Map.of()));

        SimulateClient.Response response = client.simulate("", TestPlugins.binary("sourced", "ingestor", 10, "text/plain").toString());

        assertThat(response.json().propertyNames()).containsExactly("consumers");
        assertThat(response.consumer(name, "1.0")).isPresent();
        for (JsonNode consumer : response.json().path("consumers")) {
            assertThat(consumer.propertyNames()).containsExactlyInAnyOrder("name", "version", "filter_out", "filter_out_trigger");
            assertThat(consumer.path("name").isString()).isTrue();
            assertThat(consumer.path("version").isString()).isTrue();
            assertThat(consumer.path("filter_out").isBoolean()).isTrue();
            assertThat(consumer.path("filter_out_trigger").isString()).isTrue();
        }
    }

    @Test
    void eachFilterOfARegistrationIsNamedWhenItRejects() {
        String self = TestPlugins.unique("self");
        String actions = TestPlugins.unique("actions");
        String big = TestPlugins.unique("big-only");
        register(Map.of(
                self, Map.of("filter_self", "true"),
                actions, Map.of("filter_allow_event_types", "[\"extracted\"]"),
                big, Map.of("filter_min_content_size", "1048576")));

        SimulateClient.Response response = client.simulate("", TestPlugins.binary("sourced", self, 10, "text/plain").toString());

        assertThat(verdict(response, self).path("filter_out_trigger").stringValue()).isEqualTo("self");
        assertThat(verdict(response, actions).path("filter_out_trigger").stringValue()).isEqualTo("allow-event-type");
        assertThat(verdict(response, big).path("filter_out_trigger").stringValue()).isEqualTo("min-content-size");
    }

    @Test
    void statusEventsAreJudgedThroughTheirInputsIdentityNotItsStreams() {
        String sourcedOnly = TestPlugins.unique("sourced-only");
        register(Map.of(sourcedOnly, Map.of("filter_allow_event_types", "[\"sourced\"]",
                "filter_data_types", "{\"content\": [\"document/pdf\"]}")));
        ObjectNode extracted = TestPlugins.binary("extracted", "unzip", 100, "document/pdf");
        ObjectNode sourcedZip = TestPlugins.binary("sourced", "unzip", 100, "archive/zip");

        SimulateClient.Response rejected = client.simulate("", TestPlugins.status(extracted, "unzip").toString());
        SimulateClient.Response kept = client.simulate("model=status", TestPlugins.status(sourcedZip, "unzip").toString());

        assertThat(verdict(rejected, sourcedOnly).path("filter_out_trigger").stringValue()).isEqualTo("allow-event-type");
        // Plugins echo tasks without their streams, so a status is not judged by data type (as in Azul).
        assertThat(verdict(kept, sourcedOnly).path("filter_out").booleanValue()).isFalse();
    }

    @Test
    void simulationsAreCounted() {
        String before = client.metrics();
        double count = simulated(before);

        client.simulate("", TestPlugins.binary("sourced", "ingestor", 10, "text/plain").toString());

        assertThat(simulated(client.metrics())).isEqualTo(count + 1);
    }

    private static double simulated(String metrics) {
        return metrics.lines()
                .filter(line -> line.startsWith("dispatcher_events_simulated_total{") && line.contains("entity=\"binary\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    static Stream<Arguments> badRequests() {
        String valid = TestPlugins.binary("sourced", "ingestor", 10, "text/plain").toString();
        return Stream.of(
                Arguments.of("not JSON", "", "model_version=6", 400, "body"),
                Arguments.of("malformed JSON", "", "{\"model_version\": 6,", 400, "body"),
                Arguments.of("empty body", "", "", 400, "body"),
                Arguments.of("an array", "", "[" + valid + "]", 400, "body"),
                Arguments.of("a string", "", "\"event\"", 400, "body"),
                Arguments.of("null", "", "null", 400, "body"),
                Arguments.of("two objects", "", valid + " " + valid, 400, "body"),
                Arguments.of("model cannot be told", "", "{\"hello\": \"world\"}", 400, "body"),
                Arguments.of("unknown model", "model=bogus", valid, 400, "model"),
                Arguments.of("over the size limit", "", "{\"pad\": \"" + "x".repeat(70_000) + "\"}", 413, "body"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badRequestIsAProblemNamingTheParameter(String name, String query, String body, int status, String parameter) {
        SimulateClient.Response response = client.simulate(query, body);

        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.parameter()).isEqualTo(parameter);
        assertThat(response.json().path("detail").asString()).isNotBlank();
        assertThat(response.json().propertyNames()).as("what Azul's client accepts")
                .containsExactlyInAnyOrder("status", "title", "detail", "error_params");
    }
}
