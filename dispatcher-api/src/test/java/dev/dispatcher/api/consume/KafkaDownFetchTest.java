package dev.dispatcher.api.consume;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatcher.api.DispatcherApiApplication;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** With the broker unreachable a fetch is refused at once with 503, not long-polled into nothing. */
@SpringBootTest(classes = DispatcherApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.kafka.bootstrap-servers=127.0.0.1:1", "dispatcher.topics.provision=false",
                "dispatcher.topics.sources-helm={main: {}}"})
class KafkaDownFetchTest {

    @LocalServerPort
    int port;

    @Test
    void fetchAnswers503WhenKafkaIsUnreachable() {
        HttpResponse<String> response = new EventsClient(port)
                .get("/api/v2/event/binary/passive?name=p&version=1&timeout=30", null);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"code\":\"kafka_unavailable\"");
    }
}
