package dev.dispatcher.api.consume;

import io.micrometer.core.instrument.MeterRegistry;
import dev.dispatcher.api.task.PauseState;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.SmartLifecycle;
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
    ConsumerLag consumerLag(ConsumeProperties properties, TopicPlan plan, Admin admin, MeterRegistry registry) {
        return new ConsumerLag(admin, registry, properties.groupId(plan.layout()) + ".", properties.getLagInterval());
    }

    @Bean
    Fetcher fetcher(ConsumerPool pool, Admin admin, PauseState pause) {
        return new Fetcher(pool, admin, pause);
    }

    /**
     * Ends long polls at the start of shutdown, before the web server waits for requests in flight
     * (phase {@code DEFAULT_PHASE - 1024}): a poll waiting up to a minute would otherwise outlast the
     * graceful-shutdown wait and meet a closed consumer.
     */
    @Bean
    SmartLifecycle fetchDrain(ConsumerPool pool) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                running = true;
            }

            @Override
            public void stop() {
                pool.drain();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return SmartLifecycle.DEFAULT_PHASE - 512;
            }
        };
    }
}
