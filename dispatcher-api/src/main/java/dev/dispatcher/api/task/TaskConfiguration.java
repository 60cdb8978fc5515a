package dev.dispatcher.api.task;

import dev.dispatcher.api.consume.ConsumeProperties;
import dev.dispatcher.api.publish.PublishProperties;
import dev.dispatcher.common.topic.TopicLayout;
import dev.dispatcher.common.topic.TopicPlan;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires active tasks: the tracker fetches and publishes write through, the deadline watcher, the pause. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TaskProperties.class)
class TaskConfiguration {

    @Bean
    PauseState pauseState(KafkaProperties kafka, TopicPlan plan) {
        Map<String, Object> config = consumerConfig(kafka);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "dispatcher-api-pause-" + Long.toHexString(System.nanoTime()));
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return new PauseState(new KafkaConsumer<>(config), plan.layout().name(TopicLayout.CONTROL));
    }

    @Bean
    TaskTracker taskTracker(KafkaProducer<String, byte[]> publishProducer, TopicPlan plan, TaskProperties properties,
                            TaskMetrics metrics, PublishProperties publish) {
        return new TaskTracker(publishProducer, plan.layout(), properties, metrics, publish.getSendTimeout());
    }

    @Bean
    TaskMetrics taskMetrics(MeterRegistry registry, PauseState pause, ObjectProvider<TaskWatcher> watcher) {
        return new TaskMetrics(registry, () -> pause.paused() ? 1 : 0,
                () -> watcher.getIfAvailable() == null ? 0 : watcher.getObject().watched());
    }

    /**
     * One group on the tracking topic for all replicas, with the classic protocol: there a dead
     * replica's share moves after the client's session timeout (seconds), not after the broker's
     * KIP-848 minimum of 45 s. Eager range assignment: a rebalance rebuilds every share anyway.
     */
    @Bean
    TaskWatcher taskWatcher(KafkaProperties kafka, TopicPlan plan, TaskTracker tracker, TaskProperties properties,
                            TaskMetrics metrics, ObjectProvider<BuildProperties> build, ConsumeProperties consume) {
        Map<String, Object> config = consumerConfig(kafka);
        String group = consume.groupId(plan.layout(), "task-watcher");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, group + "-" + Long.toHexString(System.nanoTime()));
        config.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
        int session = (int) properties.getWatcherSessionTimeout().toMillis();
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, session);
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Math.max(500, session / 5));
        String version = build.getIfAvailable() == null ? "dev" : build.getObject().getVersion();
        Map<String, Object> readerConfig = consumerConfig(kafka);
        readerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        readerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, group + "-reader-" + Long.toHexString(System.nanoTime()));
        return new TaskWatcher(new KafkaConsumer<>(config), new KafkaConsumer<>(readerConfig), tracker, plan.layout(),
                properties, metrics, version);
    }

    private static Map<String, Object> consumerConfig(KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return config;
    }
}
