package dev.dispatcher.common.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Gives every service the suite's shared defaults and makes the documented environment names
 * ({@code DISPATCHER_KAFKA_ENDPOINT}, ...) work exactly as written.
 *
 * <p>Relaxed binding would read {@code DISPATCHER_GLOBAL_PARTITION_COUNT} as
 * {@code dispatcher.global.partition.count}; the documented names predate our property tree, so
 * they are mapped explicitly, with the precedence of environment variables.
 */
public class DispatcherEnvironmentPostProcessor implements EnvironmentPostProcessor {

    /** Documented environment name → the property it sets. */
    public static final Map<String, String> ALIASES = Map.of(
            "DISPATCHER_KAFKA_ENDPOINT", "spring.kafka.bootstrap-servers",
            "DISPATCHER_GLOBAL_PARTITION_COUNT", "dispatcher.topics.partitions",
            "DISPATCHER_GLOBAL_REPLICA_COUNT", "dispatcher.topics.replicas",
            "DISPATCHER_SOURCES_HELM", "dispatcher.topics.sources-helm",
            "DISPATCHER_TOPICS_YAML", "dispatcher.topics.topics-yaml",
            "DISPATCHER_STORE_S3_ENDPOINT", "dispatcher.store.s3.endpoint",
            "DISPATCHER_STORE_S3_ACCESS_KEY", "dispatcher.store.s3.access-key",
            "DISPATCHER_STORE_S3_SECRET_KEY", "dispatcher.store.s3.secret-key",
            "DISPATCHER_STORE_S3_SECURE", "dispatcher.store.s3.secure");

    static final String ALIASES_SOURCE = "dispatcherEnvironmentAliases";
    static final String DEFAULTS_SOURCE = "dispatcherDefaults";

    /** Defaults shared by every service; any property file, argument or variable overrides them. */
    static final Map<String, Object> DEFAULTS = Map.ofEntries(
            Map.entry("server.shutdown", "graceful"),
            Map.entry("spring.lifecycle.timeout-per-shutdown-phase", "20s"),
            Map.entry("spring.threads.virtual.enabled", "true"),
            Map.entry("spring.kafka.bootstrap-servers", "127.0.0.1:9092"),
            Map.entry("management.endpoints.web.exposure.include", "health,info,prometheus"),
            Map.entry("management.endpoint.health.probes.enabled", "true"),
            Map.entry("management.endpoint.health.show-details", "always"),
            Map.entry("management.endpoint.health.group.liveness.include", "livenessState"),
            Map.entry("management.endpoint.health.group.readiness.include", "readinessState,kafka"),
            Map.entry("logging.structured.format.console", "ecs"),
            // Kafka's admin client logs "Rebootstrapping" thousands of times a second while no broker
            // answers (a known client behaviour); the readiness probe and 503s already say Kafka is down.
            Map.entry("logging.level.org.apache.kafka.clients.admin.internals.AdminMetadataManager", "warn"));

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        PropertySource<?> system = environment.getPropertySources()
                .get(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        if (system != null) {
            Map<String, Object> aliased = new LinkedHashMap<>();
            ALIASES.forEach((variable, property) -> {
                Object value = system.getProperty(variable);
                if (value != null) {
                    aliased.put(property, value);
                }
            });
            if (!aliased.isEmpty()) {
                environment.getPropertySources().addAfter(system.getName(), new MapPropertySource(ALIASES_SOURCE, aliased));
            }
        }
        environment.getPropertySources().addLast(new MapPropertySource(DEFAULTS_SOURCE, DEFAULTS));
    }
}
