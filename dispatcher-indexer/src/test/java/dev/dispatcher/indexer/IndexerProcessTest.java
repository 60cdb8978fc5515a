package dev.dispatcher.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dispatcher.common.testing.KafkaBroker;
import dev.dispatcher.common.testing.OpenSearchNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

/**
 * The indexer as it is deployed: its own JVM, configured with the Arkime indexer's environment names. Killed with
 * SIGKILL in the middle of a stream and started again, it indexes every event exactly once (by {@code _id}); stopped
 * with SIGTERM, it flushes the batch it holds before it exits.
 */
class IndexerProcessTest {

    private static final URI NODE = OpenSearchNode.httpUri();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void killedMidStreamAndRestartedItIndexesEveryEventOnce() throws Exception {
        String prefix = "indexer-kill";
        String topic = "azul." + prefix + ".testing.binary.sourced";
        String index = "kill-events-binary-testing";
        int events = 3000;
        Indexer first = start(prefix, "kill-events-", "200ms");
        try (KafkaProducer<byte[], byte[]> producer = Kafka.producer()) {
            for (int i = 0; i < events / 2; i++) {
                Kafka.send(producer, topic, "k-" + i, IndexerIntegrationTest.binary("k-" + i, i));
            }
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Search.count(NODE, index) > 0);
            first.process.destroyForcibly().waitFor();
            for (int i = events / 2; i < events; i++) {
                Kafka.send(producer, topic, "k-" + i, IndexerIntegrationTest.binary("k-" + i, i));
            }
        } finally {
            first.process.destroyForcibly().waitFor();
        }
        Indexer second = start(prefix, "kill-events-", "200ms");
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> Search.count(NODE, index) == events);
            assertThat(second.process.isAlive()).as("log %s", second.log).isTrue();
        } finally {
            second.process.destroyForcibly().waitFor();
        }
    }

    @Test
    void sigtermFlushesTheBatchItHolds() throws Exception {
        String prefix = "indexer-sigterm";
        String index = "term-events-binary-testing";
        // An interval of an hour and the default limits: only the shutdown can send these.
        Indexer indexer = start(prefix, "term-events-", "1h");
        try {
            try (KafkaProducer<byte[], byte[]> producer = Kafka.producer()) {
                for (int i = 0; i < 25; i++) {
                    Kafka.send(producer, "azul." + prefix + ".testing.binary.sourced", "t-" + i,
                            IndexerIntegrationTest.binary("t-" + i, i));
                }
            }
            // The batch holds all 25 (a lag of 0 alone may be read before the bulker's first poll saw them).
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                    .until(() -> metrics(indexer).contains("dispatcher_indexer_bulker_held_messages{bulker=\"0\",pipeline=\"events\"} 25.0"));
            assertThat(Search.count(NODE, index)).isLessThanOrEqualTo(0);
            indexer.process.destroy();
            assertThat(indexer.process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(Search.count(NODE, index)).as("log %s", indexer.log).isEqualTo(25);
        } finally {
            indexer.process.destroyForcibly().waitFor();
        }
    }

    private String metrics(Indexer indexer) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + indexer.port + "/metrics"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private record Indexer(Process process, int port, Path log) {
    }

    private Indexer start(String prefix, String indexPrefix, String flushInterval) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createDirectories(Path.of("target/indexer-test"))
                .resolve(prefix + "-" + System.nanoTime() + ".log");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), DispatcherIndexerApplication.class.getName(),
                "--server.port=" + port, "--dispatcher.topics.prefix=" + prefix,
                "--dispatcher.indexer.events.index-prefix=" + indexPrefix, "--logging.structured.format.console=",
                // The killed member's partitions move once its session expires: 10 s rather than the default 45 s.
                "--spring.kafka.consumer.properties.session.timeout.ms=10000"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("DISPATCHER_KAFKA_ENDPOINT", KafkaBroker.bootstrapServers());
        env.put("DISPATCHER_SOURCES_HELM", "testing: {}");
        env.put("ELASTIC_SERVICE", NODE.getHost());
        env.put("ELASTIC_SERVICE_PORT", Integer.toString(NODE.getPort()));
        env.put("BULKER_FLUSH_INTERVAL", flushInterval);
        env.put("BULKER_MAX_MESSAGES", "200");
        Process process = builder.start();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(process.isAlive()).as("indexer process alive; log %s", log).isTrue();
            return metrics(new Indexer(process, port, log)).contains("dispatcher_indexer_consumer_lag");
        });
        return new Indexer(process, port, log);
    }
}
