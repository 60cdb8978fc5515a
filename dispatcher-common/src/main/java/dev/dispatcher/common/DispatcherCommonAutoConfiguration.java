package dev.dispatcher.common;

import dev.dispatcher.common.config.DataSizeConverter;
import dev.dispatcher.common.topic.KafkaHealthIndicator;
import dev.dispatcher.common.topic.TopicMetrics;
import dev.dispatcher.common.topic.TopicPlan;
import dev.dispatcher.common.topic.TopicProvisioner;
import dev.dispatcher.common.topic.TopicsProperties;
import dev.dispatcher.common.web.ErrorHandler;
import dev.dispatcher.common.web.PrometheusController;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaAdmin;

/** What every dispatcher service shares: topic plan and provisioning, Kafka readiness, {@code /metrics}. */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(TopicsProperties.class)
@Import({PrometheusController.class, ErrorHandler.class})
public class DispatcherCommonAutoConfiguration {

    /** Exit status when the broker's topics are refused (EX_CONFIG). */
    static final int EXIT_CONFIG = 78;

    /** Sizes in every service's settings also accept {@code Mi}, {@code K}, {@code G} (DESIGN §8). */
    @Bean
    @ConfigurationPropertiesBinding
    static DataSizeConverter dataSizeConverter() {
        return new DataSizeConverter();
    }

    /**
     * An encoded {@code /} ({@code %2F}) in a path reaches the controllers, whose validation answers problem+json
     * naming the parameter, instead of Tomcat's own HTML 400. It stays encoded while the path is matched, so it
     * can never make a path of another shape; path variables see it decoded.
     */
    @Bean
    TomcatConnectorCustomizer encodedSlashesReachTheControllers() {
        return connector -> connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
    }

    @Bean
    TopicPlan topicPlan(TopicsProperties properties) {
        return TopicPlan.from(properties);
    }

    /** One admin client for provisioning and health, on the same connection settings as every other client. */
    @Bean(destroyMethod = "close")
    Admin dispatcherAdmin(KafkaAdmin kafkaAdmin, TopicsProperties properties) {
        Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        int timeout = (int) properties.getOperationTimeout().toMillis();
        config.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
        config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
        config.putIfAbsent(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 10_000);
        config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "dispatcher-admin");
        return Admin.create(config);
    }

    @Bean
    TopicMetrics topicMetrics(MeterRegistry registry) {
        return new TopicMetrics(registry);
    }

    @Bean
    TopicProvisioner topicProvisioner(TopicPlan plan, TopicsProperties properties, Admin dispatcherAdmin,
                                      KafkaAdmin kafkaAdmin, TopicMetrics metrics,
                                      ConfigurableApplicationContext context) {
        String servers = String.valueOf(kafkaAdmin.getConfigurationProperties().get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
        return new TopicProvisioner(plan, properties, dispatcherAdmin, servers, metrics, refusal ->
                // Exit from another thread: closing the context stops the provisioner, which must not join itself.
                Thread.ofPlatform().name("dispatcher-exit").start(
                        () -> System.exit(SpringApplication.exit(context, () -> EXIT_CONFIG))));
    }

    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(TopicProvisioner provisioner, Admin dispatcherAdmin) {
        return new KafkaHealthIndicator(provisioner, dispatcherAdmin, Duration.ofSeconds(3));
    }
}
