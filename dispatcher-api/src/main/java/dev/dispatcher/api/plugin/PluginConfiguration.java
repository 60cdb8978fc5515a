package dev.dispatcher.api.plugin;

import dev.dispatcher.common.topic.TopicPlan;
import dev.dispatcher.common.topic.TopicProvisioner;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the plugin registry. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PluginProperties.class)
class PluginConfiguration {

    @Bean
    PluginRegistry pluginRegistry(TopicPlan plan, TopicProvisioner provisioner, KafkaProperties kafka,
                                  PluginProperties properties, MeterRegistry registry) {
        return new PluginRegistry(plan, provisioner, kafka, properties, registry);
    }
}
