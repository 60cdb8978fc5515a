package dev.dispatcher.api.publish;

import static dev.dispatcher.api.publish.TestEvents.array;
import static dev.dispatcher.api.publish.TestEvents.binary;
import static dev.dispatcher.api.publish.TestEvents.marker;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** With no broker to write to, publish answers 503 quickly and claims nothing, with or without {@code sync}. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.bootstrap-servers=127.0.0.1:1",
        "dispatcher.topics.provision=false",
        "dispatcher.topics.prefix=publish-down",
        "dispatcher.topics.sources-helm={samples: {}}",
        "dispatcher.api.publish.max-block=1s",
        "dispatcher.api.publish.send-timeout=2s"})
class PublishKafkaDownTest {

    @LocalServerPort
    int port;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sync=true", "", "sync=true&pause_plugins=true"})
    void publishAnswers503QuicklyWhenKafkaIsUnreachable(String query) {
        long start = System.nanoTime();

        PublishClient.Response response = new PublishClient(port).post(query, array(binary("samples", "sourced", marker())));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.code()).isEqualTo("kafka_unavailable");
        assertThat(response.json().path("detail").asString()).contains("None of the events is claimed as written");
    }

    @Test
    void callerMistakesAreStill4xxWithoutKafka() {
        PublishClient.Response response = new PublishClient(port).post("model=bogus", "[]");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.parameter()).isEqualTo("model");
    }
}
