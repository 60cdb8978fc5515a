package dev.dispatcher.api.publish;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The publish producer, settings and meters. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({PublishProperties.class, PauseProperties.class})
class PublishConfiguration {

    /** Room above the largest event for what the server adds (key, tracking ids) and the record overhead. */
    private static final long RECORD_HEADROOM = 1024 * 1024;

    private static final long DEFAULT_BUFFER_MEMORY = 32L * 1024 * 1024;

    /**
     * The one producer of published events, on the connection settings (TLS, SASL) of every other
     * Kafka client. Whatever {@code spring.kafka.producer.*} says, it waits for all in-sync replicas
     * and is idempotent, so a retried batch is never written twice. Closed by {@link EventPublisher}
     * with a bound, not by Spring (whose {@code close()} could wait minutes on a dead broker).
     */
    @Bean(destroyMethod = "")
    KafkaProducer<String, byte[]> publishProducer(KafkaProperties kafka, PublishProperties properties) {
        return new KafkaProducer<>(producerConfig(kafka.buildProducerProperties(), properties),
                new StringSerializer(), new ByteArraySerializer());
    }

    @Bean
    PublishMetrics publishMetrics(MeterRegistry registry) {
        return new PublishMetrics(registry);
    }

    static Map<String, Object> producerConfig(Map<String, Object> base, PublishProperties properties) {
        Map<String, Object> config = new HashMap<>(base);
        config.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        config.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, properties.getMaxBlock().toMillis());
        long recordMax = properties.getMaxEventSize().toBytes() + RECORD_HEADROOM;
        config.merge(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, (int) Math.min(Integer.MAX_VALUE, recordMax),
                (configured, ours) -> Math.max(Integer.parseInt(configured.toString()), (Integer) ours));
        config.putIfAbsent(ProducerConfig.BUFFER_MEMORY_CONFIG,
                Math.max(DEFAULT_BUFFER_MEMORY, properties.getMaxRequestSize().toBytes() + recordMax));
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "dispatcher-api-publish");
        return config;
    }
}
