package dev.dispatcher.api.plugin;

import dev.dispatcher.common.event.EventModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/** Every meter of the plugin registry and of simulation, made in one place (documented in docs/metrics.md). */
final class PluginMetrics {

    private final MeterRegistry registry;
    private final Counter accepted;
    private final Counter invalid;
    private final Counter removed;
    private final Counter readerErrors;

    PluginMetrics(MeterRegistry registry, Supplier<Number> registered) {
        this.registry = registry;
        Gauge.builder("dispatcher.plugins.registered", registered)
                .description("Plugin registrations (name and version) this replica knows from the plugin topic")
                .register(registry);
        this.accepted = read("accepted");
        this.invalid = read("invalid");
        this.removed = read("removed");
        this.readerErrors = Counter.builder("dispatcher.plugins.registry.errors")
                .description("Times the plugin registry reader lost the broker and had to reconnect")
                .register(registry);
    }

    private Counter read(String result) {
        return Counter.builder("dispatcher.plugins.registrations.read")
                .description("Records read from the plugin topic, by what became of them")
                .tag("result", result)
                .register(registry);
    }

    void accepted() {
        accepted.increment();
    }

    void invalid() {
        invalid.increment();
    }

    void removed() {
        removed.increment();
    }

    void readerError() {
        readerErrors.increment();
    }

    void simulated(EventModel model) {
        Counter.builder("dispatcher.events.simulated")
                .description("Events run through every registered plugin's filters by POST /api/v2/event/simulate")
                .tag("entity", model.wireName())
                .register(registry).increment();
    }
}
