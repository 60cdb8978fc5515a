package dev.dispatcher.api.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

/** Defaults and binding of the publish settings, and the producer settings derived from them. */
class PublishPropertiesTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        PublishProperties publish = new PublishProperties();

        assertThat(publish.getMaxEventSize()).isEqualTo(DataSize.ofMegabytes(2));
        assertThat(publish.getMaxRequestSize()).isEqualTo(DataSize.ofMegabytes(64));
        assertThat(publish.getSendTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(publish.getMaxBlock()).isEqualTo(Duration.ofSeconds(5));
        assertThat(new PauseProperties().getDuration()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void sizesAndDurationsBindFromTheirUsualSpellings() {
        var binder = new Binder(new MapConfigurationPropertySource(Map.of(
                "dispatcher.api.publish.max-event-size", "512KB",
                "dispatcher.api.publish.max-request-size", "1GB",
                "dispatcher.api.publish.send-timeout", "1500ms",
                "dispatcher.api.publish.max-block", "2s",
                "dispatcher.pause.duration", "1h")));

        PublishProperties publish = binder.bind("dispatcher.api.publish", PublishProperties.class).get();
        PauseProperties pause = binder.bind("dispatcher.pause", PauseProperties.class).get();

        assertThat(publish.getMaxEventSize()).isEqualTo(DataSize.ofKilobytes(512));
        assertThat(publish.getMaxRequestSize()).isEqualTo(DataSize.ofGigabytes(1));
        assertThat(publish.getSendTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(publish.getMaxBlock()).isEqualTo(Duration.ofSeconds(2));
        assertThat(pause.getDuration()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void producerIsDurableAndIdempotentWhateverSpringKafkaSays() {
        Map<String, Object> config = PublishConfiguration.producerConfig(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9093",
                ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "1048576",
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd",
                "security.protocol", "SASL_SSL"), new PublishProperties());

        assertThat(config)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000L)
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9093");
        assertThat((Integer) config.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG)).isGreaterThan(2 * 1024 * 1024);
        assertThat(PublishConfiguration.producerConfig(Map.of(), new PublishProperties()))
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 5);
    }
}
