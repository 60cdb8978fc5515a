package dev.dispatcher.api.plugin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dispatcher.common.testing.WithKafka;
import dev.dispatcher.common.topic.TopicPlan;
import dev.dispatcher.common.topic.TopicProvisioner;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The registry learns plugins from the plugin topic: every identity, the latest registration of each. */
@PluginContext
@WithKafka
class PluginRegistryIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    PluginRegistry registry;

    @Autowired
    TopicProvisioner provisioner;

    @Autowired
    TopicPlan plan;

    @Autowired
    MeterRegistry meters;

    @Autowired
    KafkaProperties kafka;

    @Autowired
    PluginProperties properties;

    @BeforeEach
    void topicsReady() throws InterruptedException {
        assertThat(provisioner.awaitReady(Duration.ofSeconds(60))).as("topics provisioned").isTrue();
    }

    private List<PluginRegistration> named(String name) {
        return registry.registrations().stream().filter(r -> r.name().equals(name)).toList();
    }

    @Test
    void registryRemembersEveryVersionAndTheLatestRegistrationOfEachWins() {
        String name = TestPlugins.unique("unzip");
        TestPlugins.register(plan.layout(), TestPlugins.registration(name, "1.0", Map.of("filter_max_content_size", "100")));
        TestPlugins.register(plan.layout(), TestPlugins.registration(name, "1.0", Map.of("filter_max_content_size", "200")));
        TestPlugins.register(plan.layout(), TestPlugins.registration(name, "2.0", Map.of("filter_self", "true")));

        await().atMost(WAIT).untilAsserted(() -> {
            List<PluginRegistration> seen = named(name);
            assertThat(seen).extracting(PluginRegistration::version).containsExactly("1.0", "2.0");
            assertThat(seen.getFirst().filters().maxContentSize()).isEqualTo(200L);
        });
        PluginRegistration v2 = named(name).get(1);
        assertThat(v2.key()).isEqualTo(TestPlugins.key(name, "2.0"));
        assertThat(v2.filters().self()).isEqualTo(name);
        assertThat(v2.filters().maxContentSize()).isNull();
        assertThat(registry.caughtUp()).isTrue();
    }

    @Test
    void aReplicaStartedLaterLearnsEveryEarlierRegistrationAndStopsPromptly() {
        String name = TestPlugins.unique("earlier");
        TestPlugins.register(plan.layout(), TestPlugins.registration(name, "1", Map.of("filter_min_content_size", "10")));
        TestPlugins.register(plan.layout(), TestPlugins.registration(name, "1", Map.of("filter_min_content_size", "20")));
        await().atMost(WAIT).until(() -> named(name).size() == 1);

        PluginRegistry replica = new PluginRegistry(plan, provisioner, kafka, properties, new SimpleMeterRegistry());
        replica.start();
        try {
            await().atMost(WAIT).until(replica::caughtUp);
            assertThat(replica.registrations()).filteredOn(r -> r.name().equals(name))
                    .singleElement().satisfies(r -> assertThat(r.filters().minContentSize()).isEqualTo(20L));
        } finally {
            long stopping = System.nanoTime();
            replica.stop();
            assertThat(replica.isRunning()).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aTombstoneForgetsThePlugin() {
        String name = TestPlugins.unique("gone");
        TestPlugins.register(plan.layout(), TestPlugins.registration(name, "1", Map.of()));
        await().atMost(WAIT).until(() -> named(name).size() == 1);

        TestPlugins.send(plan.layout(), TestPlugins.key(name, "1"), null);

        await().atMost(WAIT).until(() -> named(name).isEmpty());
    }

    @Test
    void unreadableRecordsAreSkippedAndCountedWithoutStoppingTheReader() {
        double invalidBefore = meters.get("dispatcher.plugins.registrations.read").tag("result", "invalid").counter().count();
        String name = TestPlugins.unique("after-garbage");
        TestPlugins.send(plan.layout(), "garbage", "not json".getBytes(UTF_8));
        TestPlugins.send(plan.layout(), "no-name", "{\"entity\": {\"version\": \"1\"}}".getBytes(UTF_8));
        TestPlugins.register(plan.layout(), TestPlugins.registration(name, "1", Map.of()));

        await().atMost(WAIT).until(() -> named(name).size() == 1);
        assertThat(meters.get("dispatcher.plugins.registrations.read").tag("result", "invalid").counter().count())
                .isGreaterThanOrEqualTo(invalidBefore + 2);
        assertThat(registry.registrations()).noneMatch(r -> r.key().equals("garbage") || r.key().equals("no-name"));
    }

    @Test
    void gaugeCountsTheRegistrationsKnown() {
        String name = TestPlugins.unique("counted");
        TestPlugins.register(plan.layout(), TestPlugins.registration(name, "1", Map.of()));

        await().atMost(WAIT).until(() -> named(name).size() == 1);
        assertThat(meters.get("dispatcher.plugins.registered").gauge().value())
                .isEqualTo(registry.registrations().size());
        assertThat(new SimulateClient(port).metrics()).contains("dispatcher_plugins_registered ");
    }
}
