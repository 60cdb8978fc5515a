package dev.dispatcher.store.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dispatcher.common.testing.TlsKafkaBroker;
import dev.dispatcher.common.topic.TopicLayout;
import dev.dispatcher.common.topic.TopicPlan;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The store on a broker reachable over TLS only, configured with Spring Boot's {@code spring.kafka.ssl.*}: it
 * provisions its topics, is ready, and announces a stored blob there. A Kafka client of the store that ignored
 * the TLS settings would never reach the broker.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "dispatcher.topics.prefix=store-tls", "dispatcher.topics.sources-helm=testing: {}",
        "dispatcher.store.backend=local", "dispatcher.store.local.root=target/store-test/tls/blobs",
        "dispatcher.store.spool-dir=target/store-test/tls/spool"})
class KafkaTlsStoreTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    TopicPlan topics;

    @DynamicPropertySource
    static void tlsBroker(DynamicPropertyRegistry registry) {
        TlsKafkaBroker.get().springProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @Test
    void readyAndAnnouncingOverTls() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/actuator/health/readiness").statusCode() == 200);
        byte[] bytes = ("over tls " + UUID.randomUUID() + "\n").repeat(20).getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> upload = http.send(HttpRequest.newBuilder(uri("/api/v3/stream/testing/content"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
        JsonMapper json = JsonMapper.builder().build();
        String sha = json.readTree(upload.body()).path("data").path("sha256").asString();

        Map<String, Object> config = new HashMap<>(TlsKafkaBroker.get().clientConfig());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "store-tls-" + UUID.randomUUID());
        AtomicReference<JsonNode> announced = new AtomicReference<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topics.layout().name(TopicLayout.STREAM_EVENTS)));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (sha.equals(record.key())) {
                        announced.set(json.readTree(record.value()));
                    }
                }
                return announced.get() != null;
            });
        }
        assertThat(announced.get().path("key").asString()).isEqualTo("testing/content/" + sha);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
