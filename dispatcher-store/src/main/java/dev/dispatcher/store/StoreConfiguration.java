package dev.dispatcher.store;

import dev.dispatcher.common.topic.TopicLayout;
import dev.dispatcher.common.topic.TopicPlan;
import dev.dispatcher.store.backend.BlobBackend;
import dev.dispatcher.store.backend.LocalDiskBackend;
import dev.dispatcher.store.backend.S3Backend;
import dev.dispatcher.store.identify.FileFormats;
import dev.dispatcher.store.identify.Identifier;
import dev.dispatcher.store.identify.LibMagic;
import dev.dispatcher.store.identify.Ssdeep;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The store's parts: backend, identification, events, service. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StoreProperties.class)
class StoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StoreConfiguration.class);

    /**
     * The configured backend. An S3 bucket that is missing is created here when S3 answers; when it does not,
     * the store still starts and reports not-ready until it does ({@link BlobStoreHealthIndicator}).
     */
    @Bean(destroyMethod = "close")
    BlobBackend blobBackend(StoreProperties properties) {
        BlobBackend backend;
        if (properties.resolvedBackend() == StoreProperties.Backend.S3) {
            S3Backend s3 = new S3Backend(properties.getS3());
            try {
                s3.ensureBucket();
            } catch (RuntimeException e) {
                log.warn("S3 not reachable at startup, the store is not ready until it is: {}", e.getMessage());
            }
            backend = s3;
        } else {
            backend = new LocalDiskBackend(properties.getLocal().getRoot());
        }
        log.info("blobs are kept on {}", backend.describe());
        return backend;
    }

    @Bean(destroyMethod = "close")
    LibMagic libMagic(StoreProperties properties) {
        Ssdeep.check(); // libfuzzy missing: fail at startup, not at the first upload of 4 KiB
        return new LibMagic(properties.getIdentifyConcurrency(), properties.getMagicBytesMax().toBytes());
    }

    @Bean
    Identifier identifier(LibMagic libMagic) {
        return new Identifier(libMagic, FileFormats.load());
    }

    @Bean
    StoreMetrics storeMetrics(MeterRegistry registry) {
        return new StoreMetrics(registry);
    }

    /** Store events go out with {@code acks=all}, idempotent, on the connection settings of every other client. */
    @Bean(destroyMethod = "close")
    StoreEvents storeEvents(KafkaProperties kafka, TopicPlan plan, StoreProperties properties, BlobBackend backend,
                            StoreMetrics metrics) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        config.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, properties.getEventTimeout().toMillis());
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "dispatcher-store-events");
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        String backendName = properties.resolvedBackend().name().toLowerCase(Locale.ROOT);
        return new StoreEvents(producer, plan.layout().name(TopicLayout.STREAM_EVENTS), properties.getEventTimeout(),
                backendName, metrics);
    }

    @Bean
    StreamService streamService(StoreProperties properties, BlobBackend backend, Identifier identifier,
                                StoreEvents events, StoreMetrics metrics) {
        return new StreamService(properties, backend, identifier, events, metrics);
    }

    @Bean("blobStore")
    BlobStoreHealthIndicator blobStoreHealthIndicator(BlobBackend backend) {
        return new BlobStoreHealthIndicator(backend);
    }
}
