package dev.dispatcher.indexer;

import dev.dispatcher.common.metrics.BoundedTagValues;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The indexer's meters: the Arkime Kafka indexer's set ({@code bulker_flushed_reason_total}, flushed bytes and
 * messages, bulk calls, errors and retries, failed documents) under {@code dispatcher_indexer_}, plus consumer lag,
 * dead letters and back-pressure. Every one is listed in docs/metrics.md. Tagged by {@code pipeline}
 * ({@code events} or {@code passthrough}).
 */
public class IndexerMetrics {

    private final MeterRegistry registry;
    /** The per-instance gauges' values, by metric name, pipeline and instance. */
    private final Map<String, AtomicLong> instanceGauges = new ConcurrentHashMap<>();
    private final BoundedTagValues errorTypes = new BoundedTagValues(50);

    /** Why a batch was flushed. */
    public static final List<String> FLUSH_REASONS = List.of("messages", "bytes", "interval", "shutdown");

    public IndexerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Registers, at zero, the series of a pipeline whose label values are known before anything happens, so that
     * rates and {@code increase()} in dashboards and alerts see the first flush, error, retry or dead letter.
     */
    public void pipelineStarted(String pipeline) {
        for (String reason : FLUSH_REASONS) {
            flushedReason(pipeline, reason);
        }
        flushedBytes(pipeline);
        flushedMessages(pipeline);
        for (String result : List.of("ok", "items_failed", "error")) {
            bulkCalls(pipeline, result);
        }
        for (String reason : List.of("transport", "timeout")) {
            bulkErrors(pipeline, reason);
            bulkRetries(pipeline, reason);
        }
        documentsIndexed(pipeline);
        for (String cause : List.of("unreadable", "rejected")) {
            deadLetters(pipeline, cause);
        }
    }

    /** A batch sent, why, and how big it was. */
    public void flushed(String pipeline, String reason, long bytes, int messages) {
        flushedReason(pipeline, reason).increment();
        flushedBytes(pipeline).record(bytes);
        flushedMessages(pipeline).record(messages);
    }

    /** One {@code _bulk} request and how it ended: {@code ok}, {@code items_failed} or {@code error}. */
    public void bulkCall(String pipeline, String result, Duration took) {
        bulkCalls(pipeline, result).record(took);
    }

    /** A whole request failed: {@code transport}, {@code timeout}, {@code unreadable_response} or {@code status_<code>}. */
    public void bulkError(String pipeline, String reason) {
        bulkErrors(pipeline, reason).increment();
    }

    /** A request (or its rejected items) sent again after a backoff. */
    public void bulkRetry(String pipeline, String reason) {
        bulkRetries(pipeline, reason).increment();
    }

    public void indexed(String pipeline, int documents) {
        documentsIndexed(pipeline).increment(documents);
    }

    /** Items the cluster rejected for good (they go to the dead-letter topic), by error type. */
    public void failedDocument(String pipeline, String errorType) {
        Counter.builder("dispatcher.indexer.documents.failed").description("Actions the cluster rejected for good")
                .tags("pipeline", pipeline, "error_type", errorTypes.of(errorType)).register(registry).increment();
    }

    /** A record written to the dead-letter topic: {@code unreadable} (never sent) or {@code rejected} (by the cluster). */
    public void deadLetter(String pipeline, String cause) {
        deadLetters(pipeline, cause).increment();
    }

    private Counter flushedReason(String pipeline, String reason) {
        return Counter.builder("dispatcher.indexer.bulker.flushed.reason").description("Batches flushed, by reason")
                .tags("pipeline", pipeline, "reason", reason).register(registry);
    }

    private DistributionSummary flushedBytes(String pipeline) {
        return DistributionSummary.builder("dispatcher.indexer.bulker.flushed.bytes").baseUnit("bytes")
                .description("Size of flushed batches").tags("pipeline", pipeline)
                .serviceLevelObjectives(64 * 1024, 256 * 1024, 1 << 20, 4 << 20, 10 << 20, 32 << 20)
                .register(registry);
    }

    private DistributionSummary flushedMessages(String pipeline) {
        return DistributionSummary.builder("dispatcher.indexer.bulker.flushed.messages")
                .description("Kafka messages in flushed batches").tags("pipeline", pipeline)
                .serviceLevelObjectives(1, 10, 100, 500, 1000, 5000, 10000)
                .register(registry);
    }

    private Timer bulkCalls(String pipeline, String result) {
        return Timer.builder("dispatcher.indexer.bulk.calls").description("_bulk requests, by result")
                .tags("pipeline", pipeline, "result", result).register(registry);
    }

    private Counter bulkErrors(String pipeline, String reason) {
        return Counter.builder("dispatcher.indexer.bulk.errors").description("_bulk requests that failed as a whole")
                .tags("pipeline", pipeline, "reason", reason).register(registry);
    }

    private Counter bulkRetries(String pipeline, String reason) {
        return Counter.builder("dispatcher.indexer.bulk.retries").description("_bulk requests retried after a backoff")
                .tags("pipeline", pipeline, "reason", reason).register(registry);
    }

    private Counter documentsIndexed(String pipeline) {
        return Counter.builder("dispatcher.indexer.documents.indexed").description("Actions the cluster accepted")
                .tags("pipeline", pipeline).register(registry);
    }

    private Counter deadLetters(String pipeline, String cause) {
        return Counter.builder("dispatcher.indexer.dead.letters").description("Records written to the dead-letter topic")
                .tags("pipeline", pipeline, "cause", cause).register(registry);
    }

    /** Sum of the lag of the partitions an instance holds, set after each poll. */
    public AtomicLong lag(String pipeline, int instance) {
        return instanceGauge("dispatcher.indexer.consumer.lag",
                "Messages behind the end of the partitions held, per bulker instance", pipeline, instance);
    }

    /** Messages an instance holds in its batch, not flushed yet; set after each poll. */
    public AtomicLong held(String pipeline, int instance) {
        return instanceGauge("dispatcher.indexer.bulker.held.messages",
                "Messages in the bulker instance's batch, not flushed yet", pipeline, instance);
    }

    /** 1 while an instance has paused consumption to wait for the cluster (back-pressure). */
    public AtomicLong paused(String pipeline, int instance) {
        return instanceGauge("dispatcher.indexer.consumer.paused",
                "1 while consumption is paused until the cluster takes the current batch", pipeline, instance);
    }

    /** A gauge of one bulker instance, registered on first use; the value it reads. */
    private AtomicLong instanceGauge(String name, String description, String pipeline, int instance) {
        return instanceGauges.computeIfAbsent(name + "/" + pipeline + "/" + instance, key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, AtomicLong::get).description(description)
                    .tags("pipeline", pipeline, "bulker", Integer.toString(instance)).register(registry);
            return value;
        });
    }
}
