package dev.dispatcher.api.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dispatcher.api.DispatcherApiApplication;
import dev.dispatcher.common.testing.TlsKafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The api on a broker reachable over TLS only, configured with Spring Boot's {@code spring.kafka.ssl.*}:
 * topic provisioning, publishing, passive and active fetches and the task tracking all work, so every
 * Kafka client the api makes (admin clients, producers, plugin consumers, the task watcher) takes the TLS
 * settings. One that did not would never reach the broker, and these calls would answer 503 or nothing.
 */
@SpringBootTest(classes = DispatcherApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"dispatcher.topics.prefix=tls", "dispatcher.topics.sources-helm={tls: {}}"})
class KafkaTlsIntegrationTest extends RunningApi {

    @DynamicPropertySource
    static void tlsBroker(DynamicPropertyRegistry registry) {
        TlsKafkaBroker.get().springProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @Test
    void publishAndBothFetchModesWorkOverTls() {
        JsonNode published = client.publish("sync=true", TestEvents.binary("tls", "sourced", "over-tls"));
        assertThat(published.path("total_ok").asInt()).as(published.toString()).isEqualTo(1);
        String sha256 = TestEvents.sha256("over-tls");

        assertThat(fetchAll("passive", "tls-reader")).extracting(e -> e.path("entity").path("sha256").asString())
                .containsExactly(sha256);

        List<JsonNode> tasks = fetchAll("active", "tls-worker");
        assertThat(tasks).hasSize(1);
        assertThat(tasks.getFirst().path("dequeued").asString()).isNotBlank();
        JsonNode done = client.publish("sync=true", ActiveTaskIntegrationTest.status("tls-worker", tasks.getFirst(), "completed-empty"));
        assertThat(done.path("total_ok").asInt()).as(done.toString()).isEqualTo(1);
    }

    /** Fetches of one plugin (history and live) until one gives events, bounded. */
    private List<JsonNode> fetchAll(String mode, String plugin) {
        List<JsonNode> got = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            EventsClient.Fetched fetched = client.fetch("binary", mode, "name=" + plugin + "&version=1&count=10&timeout=2");
            assertThat(fetched.status()).as(fetched.body()).isEqualTo(200);
            got.addAll(fetched.events());
            return !got.isEmpty();
        });
        return got;
    }
}
