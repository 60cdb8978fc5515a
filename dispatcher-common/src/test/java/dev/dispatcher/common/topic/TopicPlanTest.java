package dev.dispatcher.common.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicPlanTest {

    private static final long DAY = 86_400_000L;

    private final TopicsProperties properties = new TopicsProperties();

    @Test
    void defaultsCoverEverySystemTopicWithTheDesignedRetention() {
        TopicPlan plan = TopicPlan.from(properties);

        assertThat(plan.topics()).extracting(TopicSpec::name).containsExactlyInAnyOrder(
                "system.plugin", "system.status", "system.insert", "system.delete", "system.download",
                "system.retrohunt", "system.expedite", "system.error", "system.task-tracking", "system.task-redelivery",
                "system.control", "system.stream-events", "system.dead-letter");
        assertRetention(plan, "system.insert", "compact", "-1");
        assertRetention(plan, "system.delete", "compact", "-1");
        assertRetention(plan, "system.retrohunt", "compact", "-1");
        assertRetention(plan, "system.expedite", "delete", Long.toString(7 * DAY));
        assertRetention(plan, "system.error", "delete", Long.toString(7 * DAY));
        assertRetention(plan, "system.task-redelivery", "delete", Long.toString(7 * DAY));
        assertRetention(plan, "system.plugin", "compact", "-1");
        assertRetention(plan, "system.status", "delete", Long.toString(DAY));
        assertRetention(plan, "system.download", "delete", Long.toString(DAY / 2));
        assertThat(plan.topics()).allSatisfy(t -> {
            assertThat(t.config()).containsEntry("segment.bytes", "1073741824");
            assertThat(t.partitions()).isEqualTo(3);
            assertThat(t.replicas()).isEqualTo((short) 1);
        });
        assertThat(plan.sources()).isEmpty();
    }

    @Test
    void globalCountsApplyToEveryTopicWithoutItsOwn() {
        properties.setPartitions("12");
        properties.setReplicas("3");
        properties.setSourcesHelm("testing: {}");

        TopicPlan plan = TopicPlan.from(properties);

        assertThat(plan.topics()).allSatisfy(t -> {
            assertThat(t.partitions()).isEqualTo(12);
            assertThat(t.replicas()).isEqualTo((short) 3);
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'3 days'   | delete  | 259200000",
            "'1 day'    | delete  | 86400000",
            "'2 weeks'  | delete  | 1209600000",
            "'1 month'  | delete  | 2592000000",
            "'6 months' | delete  | 15552000000",
            "'1 year'   | delete  | 31536000000",
            "'0'        | compact | -1",
            "0          | compact | -1",
    })
    void sourceExpiryBecomesRetention(String expiry, String cleanup, String retention) {
        properties.setSourcesHelm("virustotal:\n  expire_events_after: " + expiry + "\n");

        TopicPlan plan = TopicPlan.from(properties);

        for (String action : TopicLayout.BINARY_ACTIONS) {
            assertRetention(plan, "virustotal.binary." + action, cleanup, retention);
        }
    }

    @Test
    void sourceWithoutExpiryKeepsEventsForeverCompacted() {
        properties.setSourcesHelm("""
                testing:
                  description: events from the test harness
                """);

        TopicPlan plan = TopicPlan.from(properties);

        assertThat(plan.sources()).containsExactly("testing");
        assertThat(plan.topics()).extracting(TopicSpec::name).contains(
                "testing.binary.sourced", "testing.binary.extracted", "testing.binary.augmented",
                "testing.binary.mapped", "testing.binary.enriched");
        assertRetention(plan, "testing.binary.sourced", "compact", "-1");
    }

    @Test
    void sourceKafkaBlockSetsCountsAndConfig() {
        properties.setSourcesHelm("""
                sources:
                  incidents:
                    expire_events_after: 30 days
                    kafka:
                      numpartitions: 8
                      replicationfactor: 2
                      config:
                        max.message.bytes: 4194304
                  other: {}
                """);

        TopicPlan plan = TopicPlan.from(properties);

        TopicSpec spec = plan.topic("incidents.binary.extracted");
        assertThat(spec.partitions()).isEqualTo(8);
        assertThat(spec.replicas()).isEqualTo((short) 2);
        assertThat(spec.config()).containsEntry("max.message.bytes", "4194304")
                .containsEntry("retention.ms", Long.toString(30 * DAY));
        assertThat(plan.topic("other.binary.sourced").partitions()).isEqualTo(3);
        assertThat(plan.sources()).containsExactly("incidents", "other");
    }

    @Test
    void topicsYamlWinsFieldByFieldAndMayNameTopicsPrefixedOrNot() {
        properties.setSourcesHelm("testing:\n  expire_events_after: 7 days\n  kafka: {numpartitions: 4}\n");
        properties.setTopicsYaml("""
                - topic: testing.binary.sourced
                  numpartitions: 10
                  config:
                    retention.ms: "1000"
                - topic: azul.dev.system.status
                  replicationfactor: 2
                - topic: extra.custom
                """);

        TopicPlan plan = TopicPlan.from(properties);

        TopicSpec sourced = plan.topic("testing.binary.sourced");
        assertThat(sourced.partitions()).isEqualTo(10);
        assertThat(sourced.config()).containsEntry("retention.ms", "1000").containsEntry("cleanup.policy", "delete");
        assertThat(plan.topic("testing.binary.mapped").partitions()).isEqualTo(4);
        TopicSpec status = plan.topic("system.status");
        assertThat(status.replicas()).isEqualTo((short) 2);
        assertThat(status.partitions()).isEqualTo(3);
        assertThat(status.config()).containsEntry("retention.ms", Long.toString(DAY));
        assertThat(plan.topic("extra.custom")).isNotNull();
    }

    @Test
    void namesCarryNamespaceAndPrefix() {
        properties.setNamespace("acme");
        properties.setPrefix("prod");

        TopicLayout layout = TopicPlan.from(properties).layout();

        assertThat(layout.system("status")).isEqualTo("acme.prod.system.status");
        assertThat(layout.binary("vt", "sourced")).isEqualTo("acme.prod.vt.binary.sourced");
        assertThat(layout.unprefixed("acme.prod.system.status")).isEqualTo("system.status");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "sourcesHelm | 'testing: [unclosed'                                  | DISPATCHER_SOURCES_HELM",
            "sourcesHelm | '- just\n- a list'                                    | DISPATCHER_SOURCES_HELM",
            "sourcesHelm | 'testing:\n  expire_events_after: 3 fortnights'       | 3 fortnights",
            "sourcesHelm | 'testing:\n  kafka: {numpartitions: -2}'              | numpartitions = '-2'",
            "sourcesHelm | 'bad/name: {}'                                        | bad/name",
            "topicsYaml  | 'topic: not-a-list'                                   | DISPATCHER_TOPICS_YAML",
            "topicsYaml  | '- numpartitions: 3'                                  | needs a 'topic'",
            "topicsYaml  | '- {topic: system.status, numpartitions: 0}'          | numpartitions = '0'",
            "partitions  | '-1'                                                  | DISPATCHER_GLOBAL_PARTITION_COUNT = '-1'",
            "partitions  | 'many'                                                | DISPATCHER_GLOBAL_PARTITION_COUNT = 'many'",
            "replicas    | '0'                                                   | DISPATCHER_GLOBAL_REPLICA_COUNT = '0'",
    })
    void unusableSettingsAreRefusedNamingTheSettingAndValue(String field, String value, String expected) {
        String yaml = value.replace("\\n", "\n");
        switch (field) {
            case "sourcesHelm" -> properties.setSourcesHelm(yaml);
            case "topicsYaml" -> properties.setTopicsYaml(yaml);
            case "partitions" -> properties.setPartitions(yaml);
            default -> properties.setReplicas(yaml);
        }

        assertThatThrownBy(() -> TopicPlan.from(properties))
                .isInstanceOf(TopicConfigException.class)
                .hasMessageStartingWith("Invalid ")
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private static void assertRetention(TopicPlan plan, String topic, String cleanup, String retention) {
        assertThat(plan.topic(topic)).as(topic).isNotNull();
        assertThat(plan.topic(topic).config()).as(topic)
                .containsAllEntriesOf(Map.of("cleanup.policy", cleanup, "retention.ms", retention));
    }
}
