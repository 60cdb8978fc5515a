package dev.dispatcher.api.consume;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import dev.dispatcher.common.topic.TopicPlan;

/** Wires event consumption: the consumer pool and the fetcher. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsumeProperties.class)
class ConsumeConfiguration {

    @Bean
    ConsumerPool consumerPool(ConsumeProperties properties, TopicPlan plan, KafkaProperties kafka, Admin admin,
                              MeterRegistry registry) {
        return new ConsumerPool(properties, plan, kafka, admin, registry);
    }

    @Bean
    Fetcher fetcher(ConsumerPool pool, ConsumeProperties properties, Admin admin) {
        return new Fetcher(pool, properties, admin);
    }
}
