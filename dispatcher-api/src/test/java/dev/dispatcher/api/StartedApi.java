package dev.dispatcher.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatcher.common.topic.TopicPlan;
import dev.dispatcher.common.topic.TopicProvisioner;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** An api started by the subclass's {@code @SpringBootTest} on the shared broker, its topics provisioned before each test. */
public abstract class StartedApi {

    @LocalServerPort
    protected int port;

    @Autowired
    protected TopicProvisioner provisioner;

    @Autowired
    protected TopicPlan plan;

    @BeforeEach
    void topicsProvisioned() throws InterruptedException {
        assertThat(provisioner.awaitReady(Duration.ofSeconds(60))).as("topics provisioned").isTrue();
    }
}
