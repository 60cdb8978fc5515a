package dev.dispatcher.api.consume;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatcher.common.topic.TopicPlan;
import dev.dispatcher.common.topic.TopicProvisioner;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An api started by the subclass's {@code @SpringBootTest} on the shared broker: before each test its
 * topics exist, and {@link #client} speaks to it over HTTP.
 */
abstract class RunningApi {

    @LocalServerPort
    int port;

    @Autowired
    TopicProvisioner provisioner;

    @Autowired
    TopicPlan plan;

    EventsClient client;

    @BeforeEach
    void topicsProvisionedAndClient() throws InterruptedException {
        assertThat(provisioner.awaitReady(Duration.ofSeconds(60))).isTrue();
        client = new EventsClient(port);
    }
}
