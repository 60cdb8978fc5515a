package dev.dispatcher.store;

import dev.dispatcher.common.metrics.BoundedTagValues;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Every meter of the streams API (docs/metrics.md); names follow the Azul dispatcher's {@code dispatcher_data_*}. */
public class StoreMetrics {

    /** The operations timed by {@code dispatcher_data_operation_seconds}. */
    public enum Operation {
        UPLOAD, DOWNLOAD, EXIST, DELETE, SPOOL, IDENTIFY, BACKEND_WRITE;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final BoundedTagValues mimes = new BoundedTagValues(200);
    private final AtomicInteger spooling = new AtomicInteger();

    public StoreMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("dispatcher.data.uploads.in.progress", spooling);
    }

    /** An upload ended: {@code stored}, {@code existing} (same bytes there already), {@code refused} or {@code failed}. */
    public void upload(String label, String result, long bytes) {
        Counter.builder("dispatcher.data.upload.requests").description("Uploads by label and result")
                .tag("label", label).tag("result", result).register(registry).increment();
        if (bytes > 0) {
            Counter.builder("dispatcher.data.uploaded.bytes").description("Bytes of accepted uploads")
                    .baseUnit("bytes").tag("label", label).register(registry).increment(bytes);
        }
    }

    /** A download ended: {@code ok}, {@code partial}, {@code not_found}, {@code unsatisfiable} or {@code failed}. */
    public void download(String result, long bytes) {
        Counter.builder("dispatcher.data.download.requests").description("Downloads by result")
                .tag("result", result).register(registry).increment();
        if (bytes > 0) {
            Counter.builder("dispatcher.data.downloaded.bytes").description("Bytes sent by downloads")
                    .baseUnit("bytes").register(registry).increment(bytes);
        }
    }

    /** A HEAD ended: {@code found}, {@code not_found} or {@code failed}. */
    public void exist(String result) {
        Counter.builder("dispatcher.data.exist.requests").description("Existence checks by result")
                .tag("result", result).register(registry).increment();
    }

    /** A DELETE ended: {@code deleted}, {@code not_found}, {@code disabled} or {@code failed}. */
    public void delete(String result) {
        Counter.builder("dispatcher.data.delete.requests").description("Deletes by result")
                .tag("result", result).register(registry).increment();
    }

    /**
     * Time of one operation, by result. Every series of the name carries the same histogram: Prometheus cannot
     * write one name whose series are partly histograms and partly summaries (the scrape failed with a 500).
     */
    public void time(Operation operation, String result, long nanos) {
        Timer.builder("dispatcher.data.operation").description("Duration of streams API operations")
                .tag("operation", operation.tag()).tag("result", result)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A file got no format: libmagic failed ({@code mime} = {@code error}) or no rule named it. */
    public void identifyFailure(String mime) {
        Counter.builder("dispatcher.data.identify.failures").description("Files whose type could not be named, by MIME type")
                .tag("mime", mimes.of(mime)).register(registry).increment();
    }

    /** A store event was acknowledged by Kafka, or was not ({@code failed}). */
    public void event(String action, boolean delivered) {
        Counter.builder("dispatcher.data.events").description("Store events sent to Kafka")
                .tag("action", action).tag("result", delivered ? "sent" : "failed").register(registry).increment();
    }

    /** Counts an upload as being received until the returned handle is closed. */
    public AutoCloseable spooling() {
        spooling.incrementAndGet();
        return spooling::decrementAndGet;
    }
}
