package dev.dispatcher.api.consume;

import io.micrometer.core.instrument.MeterRegistry;
import dev.dispatcher.api.task.PauseState;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
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

    /**
     * The fetcher's broker check runs on an admin client of its own. On the shared one it queued behind
     * the lag gauges' and the historic consumers' group-offset requests, hundreds at once while plugins
     * join: with 500 plugins polling a freshly started replica, 871 and 533 of their polls (two runs) were
     * refused with 503 while the broker was up, and none on a client of its own (docs/events-api.md).
     */
    @Bean(destroyMethod = "close")
    Fetcher fetcher(ConsumerPool pool, KafkaAdmin kafkaAdmin, PauseState pause) {
        Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "dispatcher-api-kafka-check");
        config.putIfAbsent(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 10_000);
        return new Fetcher(pool, Admin.create(config), pause);
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
