package dev.dispatcher.api.consume;

import dev.dispatcher.common.metrics.BoundedTagValues;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/** Every meter of event consumption, made in one place (documented in docs/metrics.md). */
final class ConsumeMetrics {

    private final MeterRegistry registry;
    private final Counter released;
    private final Counter historyDone;
    private final Counter opened;
    private final Counter historyRevived;
    /** Plugin names come from the query string: cap their series like publish does. */
    private final BoundedTagValues plugins = new BoundedTagValues(1000);

    ConsumeMetrics(MeterRegistry registry, Supplier<Number> openConsumers) {
        this.registry = registry;
        this.released = Counter.builder("dispatcher.consumers.released")
                .description("Per-plugin consumers closed after being idle, so their partitions move to polled replicas")
                .register(registry);
        this.historyDone = Counter.builder("dispatcher.consumers.history.done")
                .description("Historic consumers closed because every partition they owned was read to the end of its history")
                .register(registry);
        this.opened = Counter.builder("dispatcher.consumers.opened")
                .description("Per-plugin Kafka consumers opened on this replica (a plugin's first fetch here, or after a release)")
                .register(registry);
        this.historyRevived = Counter.builder("dispatcher.consumers.history.revived")
                .description("Historic consumers opened again because the history they had left to other replicas has no owner")
                .register(registry);
        Gauge.builder("dispatcher.consumers.open", openConsumers)
                .description("Per-plugin Kafka consumers open on this replica")
                .register(registry);
    }

    void fetched(FetchRequest request, int delivered, Map<String, Integer> filtered, int notReady, Duration took) {
        String entity = request.model().wireName();
        String plugin = plugins.of(request.name());
        Counter.builder("dispatcher.events.fetched")
                .description("Events handed to plugins")
                .tags("plugin", plugin, "entity", entity, "mode", request.mode().wireName())
                .register(registry).increment(delivered);
        filtered.forEach((reason, count) -> Counter.builder("dispatcher.events.filtered")
                .description("Events skipped by a plugin's filters, by filter")
                .tags("plugin", plugin, "entity", entity, "reason", reason)
                .register(registry).increment(count));
        Timer.builder("dispatcher.events.fetch.time")
                .description("Time a fetch took, long-poll wait included")
                .tags("entity", entity, "mode", request.mode().wireName(), "empty", Boolean.toString(delivered == 0))
                .register(registry).record(took);
        if (notReady > 0) {
            Counter.builder("dispatcher.consumers.not.ready")
                    .description("Fetches that found a consumer without partitions yet (joining its group)")
                    .tags("plugin", plugin, "entity", entity)
                    .register(registry).increment();
        }
    }

    void released() {
        released.increment();
    }

    void opened() {
        opened.increment();
    }

    void historyRevived() {
        historyRevived.increment();
    }

    void historyDone() {
        historyDone.increment();
    }
}
