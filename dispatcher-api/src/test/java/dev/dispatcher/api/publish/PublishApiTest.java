package dev.dispatcher.api.publish;

import static dev.dispatcher.api.publish.TestEvents.array;
import static dev.dispatcher.api.publish.TestEvents.binary;
import static dev.dispatcher.api.publish.TestEvents.marker;
import static dev.dispatcher.api.publish.TestEvents.plugin;
import static dev.dispatcher.api.publish.TestEvents.status;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatcher.api.StartedApi;
import dev.dispatcher.common.event.BinaryEvent;
import dev.dispatcher.common.event.Event;
import dev.dispatcher.common.event.EventJson;
import dev.dispatcher.common.event.EventModel;
import dev.dispatcher.common.event.KafkaKeys;
import dev.dispatcher.common.event.StatusEvent;
import dev.dispatcher.common.event.TrackingFields;
import dev.dispatcher.common.testing.WithKafka;
import dev.dispatcher.common.topic.TopicLayout;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Publishing through HTTP onto the real broker: routing, keys, tracking fields, status results, options. */
@PublishContext
@WithKafka
class PublishApiTest extends StartedApi {

    private static final EventJson JSON = new EventJson();

    private PublishClient client;
    private TopicLayout layout;

    @BeforeEach
    void client() {
        client = new PublishClient(port);
        layout = plan.layout();
    }

    @Test
    void validBinaryEventLandsOnItsSourceActionTopicWithServerKeyAndTrackingFields() {
        String marker = marker();
        ObjectNode event = binary("samples", "extracted", marker);
        event.put("kafka_key", "whatever-the-client-says");

        PublishClient.Response response = client.post("sync=true&model=binary&avro-format=false", array(event));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.json().path("total_ok").asInt()).isEqualTo(1);
        assertThat(response.json().path("total_failures").asInt()).isZero();
        assertThat(response.json().path("failures").isArray()).isTrue();
        assertThat(response.json().path("failures")).isEmpty();
        assertThat(response.json().has("ok")).as("ok only when asked for").isFalse();

        List<ConsumerRecord<String, String>> records = TopicReader.withMarker(layout.binary("samples", "extracted"), marker);
        assertThat(records).hasSize(1);
        BinaryEvent expected = TrackingFields.apply((BinaryEvent) JSON.read(event, EventModel.BINARY));
        String key = KafkaKeys.compute(expected);
        assertThat(records.getFirst().key()).isEqualTo(key);
        BinaryEvent written = (BinaryEvent) JSON.read(records.getFirst().value(), EventModel.BINARY);
        assertThat(written.kafkaKey()).isEqualTo(key);
        assertThat(written.trackSourceReferences()).isEqualTo(expected.trackSourceReferences()).startsWith("samples.");
        assertThat(written.trackAuthors()).isEqualTo(expected.trackAuthors()).hasSize(2);
        assertThat(written.trackLinks()).isEqualTo(expected.trackLinks()).hasSize(1);
        assertThat(written.entity()).isEqualTo(expected.entity());
    }

    @Test
    void expeditedBinaryGoesToSystemExpediteAndRetriedToSystemError() {
        String marker = marker();
        ObjectNode expedite = binary("samples", "sourced", marker);
        expedite.putObject("flags").put("expedite", true);
        ObjectNode retry = binary("testing", "extracted", marker);
        retry.putObject("flags").put("retry", true).put("expedite", true);

        PublishClient.Response response = client.post("sync=true", array(expedite, retry));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("total_ok").asInt()).isEqualTo(2);
        assertThat(TopicReader.withMarker(layout.name(TopicLayout.EXPEDITE), marker))
                .singleElement().satisfies(record -> assertThat(record.value()).contains("\"sourced\""));
        assertThat(TopicReader.withMarker(layout.name(TopicLayout.ERROR), marker))
                .singleElement().satisfies(record -> assertThat(record.value()).contains("\"testing\""));
        assertThat(TopicReader.withMarker(layout.binary("samples", "sourced"), marker)).isEmpty();
        assertThat(TopicReader.withMarker(layout.binary("testing", "extracted"), marker)).isEmpty();
    }

    @Test
    void mixedArrayListsEachFailureWithItsCodesAndWritesTheValidEvents() {
        String marker = marker();
        ObjectNode valid = binary("samples", "sourced", marker);
        ObjectNode noVersion = binary("samples", "sourced", marker());
        noVersion.remove("model_version");
        ObjectNode unknownSource = binary("nowhere", "sourced", marker());
        ObjectNode badHash = binary("samples", "extracted", marker());
        ((ObjectNode) badHash.path("entity")).put("sha256", "ABC");
        badHash.remove("timestamp");

        PublishClient.Response response = client.post("sync=true&model=binary",
                array(noVersion, valid, unknownSource, badHash));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("total_ok").asInt()).isEqualTo(1);
        assertThat(response.json().path("total_failures").asInt()).isEqualTo(3);
        JsonNode failures = response.json().path("failures");
        assertThat(failures).hasSize(3);
        assertThat(EventJson.mapper().readTree(failures.get(0).path("event").asString())).isEqualTo(noVersion);
        assertThat(failures.get(0).path("error").asString()).startsWith("event.model_version_missing at model_version: ");
        assertThat(EventJson.mapper().readTree(failures.get(1).path("event").asString())).isEqualTo(unknownSource);
        assertThat(failures.get(1).path("error").asString())
                .startsWith("binary.source_unknown at source.name: ").contains("'nowhere'").contains("samples, testing");
        assertThat(EventJson.mapper().readTree(failures.get(2).path("event").asString())).isEqualTo(badHash);
        assertThat(failures.get(2).path("error").asString())
                .contains("event.timestamp_missing at timestamp")
                .contains("; binary.entity.sha256_invalid at entity.sha256");
        assertThat(TopicReader.withMarker(layout.binary("samples", "sourced"), marker)).hasSize(1);
    }

    @Test
    void completedStatusPublishesResultsAsBinaryEventsAndStoresTheStatusWithoutThem() {
        String marker = marker();
        ObjectNode plainInput = binary("samples", "sourced", marker);
        plainInput.putObject("flags").put("bypass_cache", true).put("retry", true);
        ObjectNode plainResult = binary("samples", "extracted", marker);
        plainResult.remove("model_version");
        plainResult.putObject("flags").put("retry", true).put("expedite", true);
        ObjectNode plain = status(plainInput, "completed", plainResult);

        ObjectNode expeditedInput = binary("testing", "sourced", marker);
        expeditedInput.putObject("flags").put("expedite", true);
        ObjectNode expedited = status(expeditedInput, "completed-with-errors", binary("testing", "augmented", marker));

        PublishClient.Response response = client.post("sync=true&model=status&include_ok=true", array(plain, expedited));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("total_ok").asInt()).as("body events, results not counted").isEqualTo(2);
        assertThat(response.json().path("ok")).as("every record written").hasSize(4);

        ConsumerRecord<String, String> result = single(layout.binary("samples", "extracted"), marker);
        BinaryEvent written = (BinaryEvent) JSON.read(result.value(), EventModel.BINARY);
        assertThat(written.modelVersion()).isEqualTo(Event.CURRENT_MODEL_VERSION);
        assertThat(written.flags().bypassCache()).isTrue();
        assertThat(written.flags().expedite()).isNull();
        assertThat(written.flags().retry()).as("retry is never inherited").isNull();
        assertThat(result.key()).isEqualTo(KafkaKeys.compute(written)).isEqualTo(written.kafkaKey());
        assertThat(written.trackAuthors()).hasSize(2);

        ConsumerRecord<String, String> expeditedResult = single(layout.name(TopicLayout.EXPEDITE), marker);
        BinaryEvent expeditedWritten = (BinaryEvent) JSON.read(expeditedResult.value(), EventModel.BINARY);
        assertThat(expeditedWritten.action()).isEqualTo("augmented");
        assertThat(expeditedWritten.flags().expedite()).isTrue();
        assertThat(TopicReader.withMarker(layout.binary("testing", "augmented"), marker)).isEmpty();

        List<ConsumerRecord<String, String>> statuses = TopicReader.withMarker(layout.system("status"), marker);
        assertThat(statuses).hasSize(2).allSatisfy(record -> {
            StatusEvent stored = (StatusEvent) JSON.read(record.value(), EventModel.STATUS);
            assertThat(stored.entity().results()).isNull();
            assertThat(record.value()).doesNotContain("\"results\"");
            assertThat(record.key()).isEqualTo(KafkaKeys.compute(stored)).isEqualTo(stored.kafkaKey());
        });
    }

    @Test
    void invalidResultRefusesTheWholeStatusNamingTheResultsIndex() {
        String marker = marker();
        ObjectNode input = binary("samples", "sourced", marker);
        ObjectNode badResult = binary("samples", "extracted", marker);
        ((ObjectNode) badResult.path("entity")).remove("datastreams");
        ObjectNode strayResult = binary("elsewhere", "extracted", marker);
        ObjectNode status = status(input, "completed", binary("samples", "extracted", marker), badResult, strayResult);

        PublishClient.Response response = client.post("sync=true",
                array(status, binary("samples", "sourced", marker)));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("total_ok").asInt()).isEqualTo(1);
        assertThat(response.json().path("failures").get(0).path("error").asString())
                .contains("binary.content_missing at entity.results[1].entity.datastreams")
                .contains("binary.source_unknown at entity.results[2].source.name");
        assertThat(TopicReader.withMarker(layout.system("status"), marker)).isEmpty();
        assertThat(TopicReader.withMarker(layout.binary("samples", "extracted"), marker)).as("no result of it either").isEmpty();
    }

    @Test
    void includeOkAnswersTheEventsAsWrittenWithKeysAndTrackingFields() {
        String marker = marker();
        ObjectNode event = binary("samples", "augmented", marker);

        PublishClient.Response response = client.post("sync=true&include_ok=true", array(event));

        assertThat(response.status()).isEqualTo(200);
        JsonNode ok = response.json().path("ok");
        assertThat(ok).hasSize(1);
        ConsumerRecord<String, String> record = single(layout.binary("samples", "augmented"), marker);
        assertThat(ok.get(0)).isEqualTo(EventJson.mapper().readTree(record.value()));
        assertThat(ok.get(0).path("kafka_key").asString()).isEqualTo(record.key());
        assertThat(ok.get(0).path("track_source_references").asString()).startsWith("samples.");
        assertThat(ok.get(0).path("track_authors")).hasSize(2);
    }

    @Test
    void pausePluginsWritesAControlRecord() {
        String marker = marker();
        ObjectNode event = plugin(marker);
        Instant before = Instant.now();

        PublishClient.Response response = client.post("sync=true&pause_plugins=true", array(event));

        assertThat(response.status()).isEqualTo(200);
        List<ConsumerRecord<String, String>> control = TopicReader.withMarker(layout.name(TopicLayout.CONTROL), marker);
        assertThat(control).hasSize(1);
        assertThat(control.getFirst().key()).isEqualTo("pause-plugins");
        JsonNode pause = EventJson.mapper().readTree(control.getFirst().value());
        assertThat(pause.path("requested_by").asString()).isEqualTo(marker);
        Instant requestedAt = Instant.parse(pause.path("requested_at").asString());
        Instant pausedUntil = Instant.parse(pause.path("paused_until").asString());
        assertThat(requestedAt).isBetween(before.minusSeconds(1), Instant.now());
        assertThat(Duration.between(requestedAt, pausedUntil)).as("dispatcher.pause.duration").isEqualTo(Duration.ofMinutes(7));
        assertThat(response.json().has("ok")).isFalse();
    }

    @Test
    void modelIsInferredPerEventWhenTheRequestNamesNone() {
        String marker = marker();
        ObjectNode binary = binary("testing", "mapped", marker);
        ObjectNode plugin = plugin(marker);
        ObjectNode heartbeat = status(binary("testing", "sourced", marker), "heartbeat");

        PublishClient.Response response = client.post("sync=true", array(binary, plugin, heartbeat));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("total_ok").asInt()).isEqualTo(3);
        assertThat(TopicReader.withMarker(layout.binary("testing", "mapped"), marker)).hasSize(1);
        assertThat(TopicReader.withMarker(layout.system("plugin"), marker)).singleElement()
                .satisfies(record -> assertThat(record.key()).isEqualTo(KafkaKeys.compute(JSON.read(plugin, EventModel.PLUGIN))));
        assertThat(TopicReader.withMarker(layout.system("status"), marker)).hasSize(1);
    }

    @Test
    void anEventWhoseShapeNamesNoModelFailsWithoutTheModelParameter() {
        String marker = marker();
        ObjectNode shapeless = EventJson.mapper().createObjectNode().put("model_version", 6).put("note", marker);

        PublishClient.Response response = client.post("sync=true", array(shapeless, plugin(marker)));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("failures").get(0).path("error").asString()).startsWith("event.model_unknown at <event>: ");
    }

    @Test
    void withoutSyncTheAnswerComesOnceHandedOverAndTheEventsArrive() {
        String marker = marker();

        PublishClient.Response response = client.post("", binary("samples", "sourced", marker).toString());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("total_ok").asInt()).isEqualTo(1);
        assertThat(TopicReader.awaitRecords(layout.binary("samples", "sourced"), marker, 1)).hasSize(1);
    }

    @Test
    void theBodyIsJsonWhateverTheContentTypeSays() {
        String marker = marker();
        byte[] body = array(binary("samples", "sourced", marker)).getBytes(UTF_8);

        assertThat(client.post("sync=true", body, "application/x-www-form-urlencoded").status()).isEqualTo(200);
        assertThat(client.post("sync=true", body, "text/plain").status()).isEqualTo(200);
        assertThat(client.post("sync=true", body, null).status()).isEqualTo(200);

        assertThat(TopicReader.withMarker(layout.binary("samples", "sourced"), marker)).hasSize(3)
                .extracting(ConsumerRecord::key).containsOnly(KafkaKeys.compute(JSON.read(binary("samples", "sourced", marker), EventModel.BINARY)));
    }

    @Test
    void publishedEventsAndFailuresAreCounted() {
        String marker = marker();
        ObjectNode event = binary("samples", "sourced", marker);
        ((ObjectNode) event.path("author")).put("name", "counted-" + marker);
        ObjectNode invalid = binary("samples", "sourced", marker);
        invalid.remove("action");

        assertThat(client.post("sync=true&model=binary", array(event, invalid)).status()).isEqualTo(200);

        String metrics = client.metrics();
        assertThat(metrics)
                .contains("dispatcher_events_published_total{entity=\"binary\",plugin=\"counted-" + marker + "\"} 1.0")
                .contains("dispatcher_events_publish_failures_total{entity=\"binary\",reason=\"binary.action_missing\"}")
                .contains("dispatcher_events_produce_time_seconds_count{entity=\"binary\"}");
    }

    private static ConsumerRecord<String, String> single(String topic, String marker) {
        List<ConsumerRecord<String, String>> records = TopicReader.withMarker(topic, marker);
        assertThat(records).as(topic).hasSize(1);
        return records.getFirst();
    }
}
