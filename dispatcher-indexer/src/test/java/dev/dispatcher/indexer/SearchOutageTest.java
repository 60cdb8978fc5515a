package dev.dispatcher.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dispatcher.common.testing.OpenSearchNode;
import dev.dispatcher.common.testing.WithKafka;
import dev.dispatcher.indexer.pipeline.Pipelines;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * OpenSearch stopped for 20 s in the middle of a stream, then started again: the indexer stays alive (liveness UP,
 * readiness DOWN while the node is away), keeps its batches (two bulkers here), and every event is a document once
 * the node is back.
 */
@WithKafka
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "dispatcher.topics.prefix=indexer-outage", "dispatcher.topics.sources-helm=testing: {}",
        "dispatcher.indexer.bulk.flush-interval=200ms", "dispatcher.indexer.bulk.max-messages=100",
        "dispatcher.indexer.instances=2",
        "dispatcher.indexer.retry.initial-backoff=100ms", "dispatcher.indexer.retry.max-backoff=2s",
        "dispatcher.indexer.search.request-timeout=3s", "dispatcher.indexer.shutdown-flush-timeout=2s"})
class SearchOutageTest {

    private static final OpenSearchNode.Dedicated NODE = OpenSearchNode.dedicated();
    private static final String TOPIC = "azul.indexer-outage.testing.binary.sourced";
    private static final String INDEX = "dispatcher-events-binary-testing";

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    Pipelines pipelines;

    @DynamicPropertySource
    static void search(DynamicPropertyRegistry registry) {
        registry.add("dispatcher.indexer.search.hosts", () -> NODE.httpUri().toString());
    }

    @AfterAll
    static void close() {
        NODE.close();
    }

    @Test
    void aTwentySecondOutageLosesNothingAndKillsNothing() throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = Kafka.producer()) {
            for (int i = 0; i < 100; i++) {
                Kafka.send(producer, TOPIC, "before-" + i, IndexerIntegrationTest.binary("before-" + i, i));
            }
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                    .until(() -> Search.count(NODE.httpUri(), INDEX) == 100);

            NODE.stop();
            long stopped = System.nanoTime();
            for (int i = 0; i < 300; i++) {
                Kafka.send(producer, TOPIC, "during-" + i, IndexerIntegrationTest.binary("during-" + i, i));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> status("/actuator/health/readiness") == 503);
            // The node stays away for 20 s; all along the process is alive and says so.
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                assertThat(status("/actuator/health/liveness")).isEqualTo(200);
                assertThat(pipelines.isRunning()).isTrue();
                return System.nanoTime() - stopped >= Duration.ofSeconds(20).toNanos();
            });
            assertThat(metrics()).containsPattern("dispatcher_indexer_bulk_retries_total\\{[^}]*pipeline=\"events\"[^}]*\\} [1-9]");
            NODE.start();

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> Search.count(NODE.httpUri(), INDEX) == 400);
            await().atMost(Duration.ofSeconds(30)).until(() -> status("/actuator/health/readiness") == 200);
            assertThat(metrics()).doesNotContainPattern("dispatcher_indexer_dead_letters_total\\{[^}]*\\} [1-9]");
        }
    }

    private int status(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private String metrics() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
