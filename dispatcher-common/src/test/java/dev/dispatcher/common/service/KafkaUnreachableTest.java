package dev.dispatcher.common.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dispatcher.common.topic.TopicProvisioner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/** A service whose broker does not answer stays alive, says it is not ready, and keeps trying. */
@SpringBootTest(classes = ServiceTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.kafka.bootstrap-servers=127.0.0.1:1", "dispatcher.topics.retry-initial=100ms",
                "dispatcher.topics.retry-max=200ms", "dispatcher.topics.operation-timeout=500ms"})
@DirtiesContext
class KafkaUnreachableTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    TopicProvisioner provisioner;

    @Test
    void readinessIsDownAndLivenessUpWhileKafkaIsUnreachable() throws Exception {
        HttpResponse<String> readiness = get("/actuator/health/readiness");
        HttpResponse<String> liveness = get("/actuator/health/liveness");

        assertThat(readiness.statusCode()).isEqualTo(503);
        assertThat(readiness.body()).contains("\"status\":\"DOWN\"").contains("\"kafka\"");
        assertThat(liveness.statusCode()).isEqualTo(200);
    }

    @Test
    void provisioningKeepsRetryingAndCountsFailures() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(provisioner.state()).isEqualTo(TopicProvisioner.State.PENDING);
            assertThat(provisioner.lastError()).isNotBlank();
            String metrics = get("/metrics").body();
            assertThat(metrics).contains("dispatcher_topics_ready 0.0");
            assertThat(failures(metrics)).isGreaterThanOrEqualTo(2);
        });
    }

    private static double failures(String metrics) {
        return metrics.lines()
                .filter(l -> l.startsWith("dispatcher_topics_provision_attempts_total{result=\"failure\"}"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
