package dev.dispatcher.common.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dispatcher.common.testing.KafkaBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reconciliation against a real broker; each test uses its own prefix so topics never collide. */
class TopicReconcilerTest {

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
    void createsEveryDesiredTopicWithItsConfig() throws Exception {
        TopicsProperties properties = properties();
        properties.setSourcesHelm("testing:\n  expire_events_after: 2 weeks\n");
        TopicPlan plan = TopicPlan.from(properties);

        TopicReconciler.Report report = reconciler().reconcile(plan);

        assertThat(report.created()).hasSize(plan.topics().size()).hasSize(18);
        assertThat(report.mismatches()).isEmpty();
        String sourced = plan.layout().binary("testing", "sourced");
        awaitPartitions(sourced, 3);
        awaitConfig(sourced, "retention.ms", Long.toString(14 * 86_400_000L));
        awaitConfig(sourced, "cleanup.policy", "delete");
        awaitConfig(plan.layout().system("insert"), "cleanup.policy", "compact");
        awaitConfig(plan.layout().system("status"), "segment.bytes", "1073741824");
    }

    @Test
    void secondRunWithNothingChangedChangesNothing() throws Exception {
        TopicPlan plan = TopicPlan.from(properties());
        reconciler().reconcile(plan);

        TopicReconciler.Report again = reconciler().reconcile(plan);

        assertThat(again.created()).isEmpty();
        assertThat(again.grown()).isEmpty();
        assertThat(again.reconfigured()).isEmpty();
        assertThat(again.mismatches()).isEmpty();
    }

    @Test
    void growsPartitionsWhenALargerCountIsDesired() throws Exception {
        TopicsProperties properties = properties();
        reconciler().reconcile(TopicPlan.from(properties));
        properties.setPartitions("5");

        TopicPlan bigger = TopicPlan.from(properties);
        TopicReconciler.Report report = reconciler().reconcile(bigger);

        assertThat(report.grown()).hasSize(bigger.topics().size());
        awaitPartitions(bigger.layout().system("status"), 5);
    }

    @Test
    void reappliesAChangedRetention() throws Exception {
        TopicsProperties properties = properties();
        properties.setSourcesHelm("testing:\n  expire_events_after: 1 day\n");
        reconciler().reconcile(TopicPlan.from(properties));
        properties.setSourcesHelm("testing:\n  expire_events_after: 3 days\n");

        TopicPlan changed = TopicPlan.from(properties);
        TopicReconciler.Report report = reconciler().reconcile(changed);

        String mapped = changed.layout().binary("testing", "mapped");
        assertThat(report.reconfigured()).contains(mapped).hasSize(5);
        awaitConfig(mapped, "retention.ms", Long.toString(3 * 86_400_000L));
    }

    @Test
    void reportsMoreParititionsOrOtherReplicasAsMismatchWithoutChangingThem() throws Exception {
        TopicsProperties properties = properties();
        properties.setPartitions("4");
        reconciler().reconcile(TopicPlan.from(properties));
        properties.setPartitions("2");
        properties.setTopicsYaml("- {topic: system.control, replicationfactor: 2}");

        TopicPlan smaller = TopicPlan.from(properties);
        TopicReconciler.Report report = reconciler().reconcile(smaller);

        assertThat(report.mismatches())
                .contains(new TopicReconciler.Mismatch(smaller.layout().system("status"), "partitions", 2, 4))
                .contains(new TopicReconciler.Mismatch(smaller.layout().name("system.control"), "replication factor", 2, 1));
        awaitPartitions(smaller.layout().system("status"), 4);
    }

    @Test
    void twoServicesReconcilingAtOnceBothSucceed() throws Exception {
        TopicsProperties properties = properties();
        properties.setSourcesHelm("a: {}\nb: {}\nc: {}\n");
        TopicPlan plan = TopicPlan.from(properties);

        var first = CompletableFuture.supplyAsync(() -> reconcileQuietly(plan));
        var second = CompletableFuture.supplyAsync(() -> reconcileQuietly(plan));

        TopicReconciler.Report one = first.get(60, TimeUnit.SECONDS);
        TopicReconciler.Report two = second.get(60, TimeUnit.SECONDS);
        assertThat(one.created().size() + two.created().size()).isEqualTo(plan.topics().size());
        assertThat(one.mismatches()).isEmpty();
        assertThat(two.mismatches()).isEmpty();
        assertThat(admin.listTopics().names().get()).containsAll(
                plan.topics().stream().map(t -> plan.layout().name(t.name())).toList());
    }

    private static TopicReconciler.Report reconcileQuietly(TopicPlan plan) {
        try (Admin own = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers()))) {
            return new TopicReconciler(own, Duration.ofSeconds(30)).reconcile(plan);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static TopicsProperties properties() {
        TopicsProperties properties = new TopicsProperties();
        properties.setPrefix("t" + UUID.randomUUID().toString().substring(0, 8));
        return properties;
    }

    private static TopicReconciler reconciler() {
        return new TopicReconciler(admin, Duration.ofSeconds(30));
    }

    /** Metadata reaches the broker a moment after an admin call returns, so reads wait for it. */
    private static TopicDescription describe(String topic) {
        return await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic), d -> true);
    }

    private static Config config(String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> admin.describeConfigs(List.of(resource)).all().get().get(resource), c -> true);
    }

    private static void awaitPartitions(String topic, int count) {
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .untilAsserted(() -> assertThat(describe(topic).partitions()).hasSize(count));
    }

    private static void awaitConfig(String topic, String key, String value) {
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .untilAsserted(() -> assertThat(config(topic).get(key).value()).isEqualTo(value));
    }
}
