package dev.dispatcher.api.publish;

import dev.dispatcher.common.metrics.BoundedTagValues;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Every meter of publishing, made in one place (names documented in docs/metrics.md). */
public final class PublishMetrics {

    /** Failure reason of events refused with 503 because the broker could not take them. */
    static final String KAFKA_UNAVAILABLE = "kafka_unavailable";
    /** Failure reason of records the producer reported as not written (after the response when not {@code sync}). */
    static final String SEND_FAILED = "send_failed";
    /** Plugin names are bounded in practice (one per deployed plugin); this caps a misbehaving client's effect on series count. */
    static final int MAX_PLUGIN_TAGS = 1000;

    private static final Duration[] PRODUCE_BUCKETS = {
            Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final MeterRegistry registry;
    private final BoundedTagValues plugins = new BoundedTagValues(MAX_PLUGIN_TAGS);

    public PublishMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One record acknowledged by the broker, {@code nanos} after it was handed to the producer. */
    void published(String plugin, String entity, long nanos) {
        Counter.builder("dispatcher.events.published")
                .description("Events written to Kafka, by author and model")
                .tag("plugin", pluginTag(plugin)).tag("entity", entity)
                .register(registry).increment();
        Timer.builder("dispatcher.events.produce.time")
                .description("Time from handing a record to the producer until the broker acknowledged it")
                .tag("entity", entity)
                .serviceLevelObjectives(PRODUCE_BUCKETS)
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** One event not written, for {@code reason}: a violation code, {@value #KAFKA_UNAVAILABLE} or {@value #SEND_FAILED}. */
    void failed(String entity, String reason) {
        Counter.builder("dispatcher.events.publish.failures")
                .description("Events not written, by model and reason")
                .tag("entity", entity).tag("reason", reason)
                .register(registry).increment();
    }

    private String pluginTag(String plugin) {
        return plugins.of(plugin);
    }
}
