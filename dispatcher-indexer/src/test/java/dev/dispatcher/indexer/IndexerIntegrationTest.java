package dev.dispatcher.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dispatcher.common.testing.KafkaBroker;
import dev.dispatcher.common.testing.OpenSearchNode;
import dev.dispatcher.common.testing.WithKafka;
import dev.dispatcher.indexer.pipeline.Bulker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The indexer on the shared broker and the shared OpenSearch node, both pipelines on: our events become one document
 * per {@code kafka_key}, Arkime-style bulk messages are indexed as sent, and whatever cannot be indexed reaches the
 * dead-letter topic with its reason while the rest of the batch goes in.
 */
@WithKafka
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "dispatcher.topics.prefix=indexer-it", "dispatcher.topics.sources-helm=testing: {}",
        "dispatcher.indexer.events.index-prefix=it-events-",
        "dispatcher.indexer.bulk.flush-interval=3s", "dispatcher.indexer.bulk.max-messages=50",
        "dispatcher.indexer.bulk.max-bytes=64KB", "dispatcher.indexer.max-message-size=32KB",
        "dispatcher.indexer.passthrough.topic=" + IndexerIntegrationTest.BULK_TOPIC,
        "dispatcher.indexer.passthrough.group=indexer-it-bulk",
        "dispatcher.indexer.passthrough.dead-letter-topic=" + IndexerIntegrationTest.REJECTED_TOPIC})
class IndexerIntegrationTest {

    static final String BULK_TOPIC = "indexer-it-arkime";
    static final String REJECTED_TOPIC = "indexer-it-arkime-rejected";
    private static final String BINARY_TOPIC = "azul.indexer-it.testing.binary.sourced";
    private static final String STATUS_TOPIC = "azul.indexer-it.system.status";
    private static final URI NODE = OpenSearchNode.httpUri();

    private static KafkaProducer<byte[], byte[]> producer;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void search(DynamicPropertyRegistry registry) {
        registry.add("dispatcher.indexer.search.hosts", NODE::toString);
    }

    @BeforeAll
    static void topics() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaBroker.bootstrapServers()))) {
            Set<String> existing = admin.listTopics().names().get();
            for (String topic : List.of(BULK_TOPIC, REJECTED_TOPIC)) {
                if (!existing.contains(topic)) {
                    admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
                }
            }
        }
        producer = Kafka.producer();
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                NODE.resolve("/it-arkime-strict")).header("Content-Type", "application/json").PUT(
                HttpRequest.BodyPublishers.ofString("{\"mappings\":{\"properties\":{\"n\":{\"type\":\"long\"}}}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    @Test
    void eachEventIsOneDocumentByItsKafkaKeyAndAReplayOverwrites() throws Exception {
        int events = 230;
        // In one burst, well within the 3 s interval: batches fill up to max-messages (50) first.
        for (int i = 0; i < events; i++) {
            producer.send(new ProducerRecord<>(BINARY_TOPIC, ("bin-" + i).getBytes(StandardCharsets.UTF_8),
                    binary("bin-" + i, i).getBytes(StandardCharsets.UTF_8)));
        }
        // The first 40 again, as after a replay: same keys, so no new documents.
        for (int i = 0; i < 40; i++) {
            producer.send(new ProducerRecord<>(BINARY_TOPIC, ("bin-" + i).getBytes(StandardCharsets.UTF_8),
                    binary("bin-" + i, i).getBytes(StandardCharsets.UTF_8)));
        }
        producer.flush();
        Kafka.send(producer, STATUS_TOPIC, "status-1", """
                {"model_version":6,"kafka_key":"status-1","timestamp":"2026-12-03T07:00:00Z",
                 "author":{"name":"plugin-a","version":"1"},"entity":{"status":"completed","runtime":1.5}}""");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> Search.count(NODE, "it-events-binary-testing") == events);
        JsonNode document = Search.document(NODE, "it-events-binary-testing", "bin-7");
        assertThat(document.path("entity").path("size").asLong()).isEqualTo(7);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> Search.count(NODE, "it-events-status") == 1);
        assertThat(Search.document(NODE, "it-events-status", "status-1").path("entity").path("status").asString())
                .isEqualTo("completed");
        // The template mapped the fields plugins search on.
        String mapping = Search.send(NODE, "GET", "/it-events-binary-testing/_mapping").body();
        assertThat(mapping).contains("\"sha256\":{\"type\":\"keyword\"}");

        // The burst fills batches to max-messages; what is left over (and the status) goes on the interval.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(metrics())
                .containsPattern("dispatcher_indexer_bulker_flushed_reason_total\\{[^}]*pipeline=\"events\"[^}]*reason=\"messages\"\\} [1-9]")
                .containsPattern("dispatcher_indexer_bulker_flushed_reason_total\\{[^}]*pipeline=\"events\"[^}]*reason=\"interval\"\\} [1-9]"));
        String metrics = metrics();
        assertThat(metrics).containsPattern("dispatcher_indexer_documents_indexed_total\\{pipeline=\"events\"} [1-9]")
                .containsPattern("dispatcher_indexer_bulk_calls_seconds_count\\{pipeline=\"events\",result=\"ok\"} [1-9]")
                .contains("dispatcher_indexer_consumer_lag", "dispatcher_indexer_bulker_held_messages", "dispatcher_indexer_bulker_flushed_bytes_bucket");
    }

    @Test
    void validBulkMessagesAreIndexedAndEachBrokenOneIsDeadLetteredWithItsReason() throws Exception {
        // Valid: a "bulk" message of two pairs, a "bulk1" message, a delete (no source line) of the first document.
        Kafka.send(producer, BULK_TOPIC, null, """
                {"index":{"_index":"it-arkime","_id":"a1"}}
                {"n":1,"tag":"first"}
                {"index":{"_index":"it-arkime","_id":"a2"}}
                {"n":2,"tag":"second"}
                """);
        Kafka.send(producer, BULK_TOPIC, null, "{\"create\":{\"_index\":\"it-arkime\",\"_id\":\"a3\"}}\n{\"n\":3}\n");
        Kafka.send(producer, BULK_TOPIC, "broken-1", "this is not ndjson\n");
        Kafka.send(producer, BULK_TOPIC, "broken-2", "{\"index\":{\"_index\":\"it-arkime\",\"_id\":\"x1\"}}\n");
        Kafka.send(producer, BULK_TOPIC, "broken-3", "{\"index\":{\"_index\":\"it-arkime\",\"_id\":\"x2\"}}\n{not json\n");
        Kafka.send(producer, BULK_TOPIC, "broken-4", "{\"index\":{\"_index\":\"it-arkime\",\"_id\":\"x3\"}}\n{\"pad\":\""
                + "p".repeat(40 * 1024) + "\"}\n");
        // Valid NDJSON the cluster refuses: "n" is a long in it-arkime-strict, "many" is not one.
        Kafka.send(producer, BULK_TOPIC, "broken-5", "{\"index\":{\"_index\":\"it-arkime-strict\",\"_id\":\"x4\"}}\n{\"n\":\"many\"}\n");
        Kafka.send(producer, BULK_TOPIC, null, "{\"index\":{\"_index\":\"it-arkime\",\"_id\":\"a4\"}}\n{\"n\":4}\n");
        // Oversized and too big to copy whole into a dead letter: it is cut, and the headers say where it is.
        String huge = "{\"index\":{\"_index\":\"it-arkime\",\"_id\":\"x5\"}}\n{\"pad\":\"" + "h".repeat(900 * 1024) + "\"}\n";
        Kafka.send(producer, BULK_TOPIC, "broken-6", huge);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> Search.count(NODE, "it-arkime") == 4);
        Kafka.send(producer, BULK_TOPIC, null, "{\"delete\":{\"_index\":\"it-arkime\",\"_id\":\"a1\"}}\n");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> Search.count(NODE, "it-arkime") == 3);
        assertThat(Search.document(NODE, "it-arkime", "a1")).isNull();
        assertThat(Search.document(NODE, "it-arkime", "a2").path("tag").asString()).isEqualTo("second");

        Map<String, String> reasons = await().atMost(Duration.ofSeconds(30)).until(() -> Kafka.readAll(REJECTED_TOPIC)
                .stream().filter(record -> record.key() != null)
                .collect(Collectors.toMap(record -> new String(record.key()),
                        record -> Kafka.header(record, Bulker.REASON_HEADER), (a, b) -> a)), found -> found.size() == 6);
        assertThat(reasons.get("broken-1")).contains("line 1 is not a bulk action line");
        assertThat(reasons.get("broken-2")).contains("without a following document");
        assertThat(reasons.get("broken-3")).contains("line 2").contains("not a JSON object");
        assertThat(reasons.get("broken-4")).contains("over the limit");
        assertThat(reasons.get("broken-5")).contains("mapper_parsing_exception");
        assertThat(reasons.get("broken-6")).contains("over the limit");
        ConsumerRecord<byte[], byte[]> cut = Kafka.readAll(REJECTED_TOPIC).stream()
                .filter(record -> record.key() != null && new String(record.key()).equals("broken-6")).findFirst().orElseThrow();
        assertThat(Kafka.header(cut, Bulker.TRUNCATED_HEADER)).isEqualTo(Integer.toString(huge.length()));
        assertThat(cut.value()).hasSize(768 * 1024);
        assertThat(Kafka.header(cut, Bulker.TOPIC_HEADER)).isEqualTo(BULK_TOPIC);
        assertThat(Kafka.header(cut, Bulker.OFFSET_HEADER)).matches("[0-9]+");
        ConsumerRecord<byte[], byte[]> refused = Kafka.readAll(REJECTED_TOPIC).stream()
                .filter(record -> record.key() != null && new String(record.key()).equals("broken-5")).findFirst().orElseThrow();
        assertThat(Kafka.header(refused, Bulker.STATUS_HEADER)).isEqualTo("400");
        assertThat(Kafka.header(refused, Bulker.TOPIC_HEADER)).isEqualTo(BULK_TOPIC);
        assertThat(new String(refused.value())).contains("\"x4\"").contains("\"many\"");
        assertThat(metrics()).containsPattern(
                "dispatcher_indexer_dead_letters_total\\{[^}]*cause=\"unreadable\"[^}]*pipeline=\"passthrough\"\\} [1-9]");
    }

    @Test
    void aBatchReachingMaxBytesIsSentWithoutWaitingForTheInterval() throws Exception {
        // Three messages of 25 KB pass the 64 KB limit: the third one sends the batch.
        for (int i = 0; i < 3; i++) {
            Kafka.send(producer, BULK_TOPIC, null, "{\"index\":{\"_index\":\"it-arkime-big\",\"_id\":\"b" + i
                    + "\"}}\n{\"pad\":\"" + "b".repeat(25 * 1024) + "\"}\n");
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> Search.count(NODE, "it-arkime-big") == 3);
        assertThat(metrics()).containsPattern(
                "dispatcher_indexer_bulker_flushed_reason_total\\{[^}]*pipeline=\"passthrough\"[^}]*reason=\"bytes\"\\} [1-9]");
    }

    @Test
    void readinessReportsTheSearchClusterAndLivenessTheBulkers() throws Exception {
        HttpResponse<String> readiness = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("searchCluster");
        HttpResponse<String> liveness = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health/liveness")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(liveness.body()).contains("\"pipelines\":{\"status\":\"UP\"").doesNotContain("searchCluster");
    }

    private String metrics() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    static String binary(String key, int size) {
        return """
                {"model_version":6,"kafka_key":"%s","timestamp":"2026-12-03T07:00:00Z","author":{"name":"ingest"},
                 "action":"sourced","source":{"name":"testing","path":[]},
                 "entity":{"sha256":"%064x","size":%d,"file_format":"text/plain"}}""".formatted(key, size, size);
    }
}
