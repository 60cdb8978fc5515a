package dev.dispatcher.common.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dispatcher.common.testing.KafkaBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A topic that differs from the plan in a way reconciliation must not change: tolerated or refused, per setting. */
class TopicProvisionerTest {

    private static Admin admin;

    @BeforeAll
    static void connect() {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers()));
    }

    @AfterAll
    static void close() {
        admin.close();
    }

    @Test
    void aMismatchIsToleratedByDefaultAndTheServiceBecomesReady() throws Exception {
        TopicsProperties properties = withMorePartitionsOnTheBrokerThanDesired();
        AtomicReference<TopicMismatchException> refused = new AtomicReference<>();

        TopicProvisioner provisioner = provisioner(properties, refused);
        provisioner.start();

        assertThat(provisioner.awaitReady(Duration.ofSeconds(60))).isTrue();
        assertThat(provisioner.state()).isEqualTo(TopicProvisioner.State.READY);
        assertThat(refused.get()).isNull();
        provisioner.stop();
    }

    @Test
    void aMismatchIsRefusedWhenNotTolerated() throws Exception {
        TopicsProperties properties = withMorePartitionsOnTheBrokerThanDesired();
        properties.setTolerateMismatch(false);
        AtomicReference<TopicMismatchException> refused = new AtomicReference<>();

        TopicProvisioner provisioner = provisioner(properties, refused);
        provisioner.start();

        assertThat(provisioner.awaitReady(Duration.ofSeconds(60))).isFalse();
        assertThat(provisioner.state()).isEqualTo(TopicProvisioner.State.FAILED);
        // The refusal is handed on (the app then exits) right after the state is set.
        await().atMost(Duration.ofSeconds(10)).until(() -> refused.get() != null);
        assertThat(refused.get().getMessage()).contains(TopicPlan.from(properties).layout().system("status")).contains("partitions");
        provisioner.stop();
    }

    /** Provisions with 4 partitions, then returns settings that ask for 2 (partitions never shrink). */
    private static TopicsProperties withMorePartitionsOnTheBrokerThanDesired() throws Exception {
        TopicsProperties properties = new TopicsProperties();
        properties.setPrefix("p" + UUID.randomUUID().toString().substring(0, 8));
        properties.setPartitions("4");
        new TopicReconciler(admin, Duration.ofSeconds(30)).reconcile(TopicPlan.from(properties));
        properties.setPartitions("2");
        return properties;
    }

    private static TopicProvisioner provisioner(TopicsProperties properties, AtomicReference<TopicMismatchException> refused) {
        return new TopicProvisioner(TopicPlan.from(properties), properties, admin, KafkaBroker.bootstrapServers(),
                new TopicMetrics(new SimpleMeterRegistry()), refused::set);
    }
}
