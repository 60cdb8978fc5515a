package dev.dispatcher.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatcher.common.topic.TopicsProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class DispatcherEnvironmentPostProcessorTest {

    @Test
    void documentedEnvironmentNamesWorkExactlyAsWritten() {
        StandardEnvironment environment = environment(Map.of(
                "DISPATCHER_KAFKA_ENDPOINT", "kafka-0:9092,kafka-1:9092",
                "DISPATCHER_GLOBAL_PARTITION_COUNT", "24",
                "DISPATCHER_GLOBAL_REPLICA_COUNT", "3",
                "DISPATCHER_SOURCES_HELM", "virustotal: {expire_events_after: 1 year}",
                "DISPATCHER_TOPICS_YAML", "- {topic: system.status, numpartitions: 48}"));

        TopicsProperties topics = Binder.get(environment).bind("dispatcher.topics", TopicsProperties.class).get();

        assertThat(environment.getProperty("spring.kafka.bootstrap-servers")).isEqualTo("kafka-0:9092,kafka-1:9092");
        assertThat(topics.getPartitions()).isEqualTo("24");
        assertThat(topics.getReplicas()).isEqualTo("3");
        assertThat(topics.getSourcesHelm()).isEqualTo("virustotal: {expire_events_after: 1 year}");
        assertThat(topics.getTopicsYaml()).isEqualTo("- {topic: system.status, numpartitions: 48}");
    }

    @Test
    void sharedDefaultsApplyUnlessSomethingSetsThem() {
        StandardEnvironment environment = environment(Map.of());
        environment.getPropertySources().addFirst(new MapPropertySource("args", Map.of("server.shutdown", "immediate")));

        new DispatcherEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("server.shutdown")).isEqualTo("immediate");
        assertThat(environment.getProperty("management.endpoint.health.group.readiness.include")).isEqualTo("readinessState,kafka");
        assertThat(environment.getProperty("spring.kafka.bootstrap-servers")).isEqualTo("127.0.0.1:9092");
    }

    @Test
    void systemPropertiesStillOverrideTheEnvironmentNames() {
        StandardEnvironment environment = environment(Map.of("DISPATCHER_GLOBAL_PARTITION_COUNT", "24"));
        environment.getPropertySources().addFirst(new MapPropertySource("cli", Map.of("dispatcher.topics.partitions", "6")));

        assertThat(environment.getProperty("dispatcher.topics.partitions")).isEqualTo("6");
    }

    private static StandardEnvironment environment(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        new DispatcherEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }
}
