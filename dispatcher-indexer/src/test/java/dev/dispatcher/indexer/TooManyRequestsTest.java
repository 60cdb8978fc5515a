package dev.dispatcher.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.dispatcher.common.testing.WithKafka;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * A search node that pushes back: its first {@code _bulk} answers 429 as a whole, the second takes half the items and
 * answers 429 for the others. The indexer backs off and sends again until every event is in; nothing is dropped or
 * dead-lettered. (The one case where a tiny HTTP stub stands in for OpenSearch: a real node does not 429 on demand.)
 */
@WithKafka
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "dispatcher.topics.prefix=indexer-429", "dispatcher.topics.sources-helm=testing: {}",
        "dispatcher.indexer.bulk.flush-interval=200ms", "dispatcher.indexer.retry.initial-backoff=50ms",
        "dispatcher.indexer.retry.max-backoff=500ms", "dispatcher.indexer.shutdown-flush-timeout=2s"})
class TooManyRequestsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> ACCEPTED = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger BULKS = new AtomicInteger();
    private static final HttpServer STUB = stub();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void search(DynamicPropertyRegistry registry) {
        registry.add("dispatcher.indexer.search.hosts", () -> "http://127.0.0.1:" + STUB.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        STUB.stop(0);
    }

    @Test
    void rejectedRequestsAndItemsAreSentAgainUntilAccepted() throws Exception {
        int events = 20;
        try (KafkaProducer<byte[], byte[]> producer = Kafka.producer()) {
            for (int i = 0; i < events; i++) {
                Kafka.send(producer, "azul.indexer-429.testing.binary.sourced", "e-" + i,
                        IndexerIntegrationTest.binary("e-" + i, i));
            }
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> ACCEPTED.size() == events);
        assertThat(BULKS.get()).isGreaterThanOrEqualTo(3);
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).containsPattern("dispatcher_indexer_bulk_errors_total\\{[^}]*reason=\"status_429\"\\} [1-9]");
        assertThat(metrics).containsPattern("dispatcher_indexer_bulk_retries_total\\{[^}]*reason=\"items_429\"\\} [1-9]");
        assertThat(metrics).doesNotContainPattern("dispatcher_indexer_dead_letters_total\\{[^}]*\\} [1-9]");
    }

    private static HttpServer stub() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", TooManyRequestsTest::answer);
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (!exchange.getRequestURI().getPath().equals("/_bulk")) {
            respond(exchange, 200, "{\"acknowledged\":true}");
            return;
        }
        int call = BULKS.incrementAndGet();
        if (call == 1) {
            respond(exchange, 429, "{\"error\":{\"type\":\"es_rejected_execution_exception\"},\"status\":429}");
            return;
        }
        List<String> items = new ArrayList<>();
        String[] lines = new String(body, StandardCharsets.UTF_8).split("\n");
        for (int i = 0; i < lines.length; i += 2) {
            String id = JSON.readTree(lines[i]).path("index").path("_id").asString();
            boolean push = call == 2 && (i / 2) % 2 == 1;
            if (!push) {
                ACCEPTED.add(id);
            }
            items.add("{\"index\":{\"_id\":\"" + id + "\",\"status\":" + (push ? 429 : 201) + "}}");
        }
        respond(exchange, 200, "{\"errors\":" + (call == 2) + ",\"items\":[" + String.join(",", items) + "]}");
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
