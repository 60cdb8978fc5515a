package dev.dispatcher.api.task;

import dev.dispatcher.common.metrics.BoundedTagValues;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** Every meter of active tasks, made in one place (documented in docs/metrics.md). */
public final class TaskMetrics {

    private final MeterRegistry registry;
    /** Plugin names come from query strings and events: cap their series. */
    private final BoundedTagValues plugins = new BoundedTagValues(1000);
    private final Map<String, AtomicLong> inFlight = new ConcurrentHashMap<>();

    TaskMetrics(MeterRegistry registry, Supplier<Number> paused, Supplier<Number> watchedPartitions) {
        this.registry = registry;
        Gauge.builder("dispatcher.plugins.paused", paused)
                .description("1 while active task delivery is paused (pause_plugins), else 0")
                .register(registry);
        Gauge.builder("dispatcher.tasks.watcher.partitions", watchedPartitions)
                .description("Partitions of the tracking topic whose deadlines this replica watches")
                .register(registry);
    }

    /** Tasks one fetch of this replica handed out: {@code first} for the first time, {@code again} redelivered. */
    void handedOut(String plugin, int first, int again) {
        if (first > 0) {
            Counter.builder("dispatcher.tasks.started")
                    .description("Active tasks handed out for the first time")
                    .tag("plugin", plugins.of(plugin))
                    .register(registry).increment(first);
        }
        if (again > 0) {
            Counter.builder("dispatcher.tasks.handed.out.again")
                    .description("Active tasks handed out again after their deadline passed")
                    .tag("plugin", plugins.of(plugin))
                    .register(registry).increment(again);
        }
    }

    /** Watcher: a task of a partition this replica watches ended with a final status. */
    void finished(String plugin, String status) {
        Counter.builder("dispatcher.tasks.finished")
                .description("Active tasks ended by a final status (error-timeout included), by status")
                .tags("plugin", plugins.of(plugin), "status", status)
                .register(registry).increment();
    }

    /** Watcher: a task passed its deadline and was queued for its plugin's next fetch. */
    void redelivered(String plugin) {
        Counter.builder("dispatcher.tasks.redelivered")
                .description("Active tasks past their deadline queued to be handed out again")
                .tag("plugin", plugins.of(plugin))
                .register(registry).increment();
    }

    /** Watcher: a task passed its deadline on its last attempt and ended with error-timeout. */
    void timedOut(String plugin) {
        Counter.builder("dispatcher.tasks.timed.out")
                .description("Active tasks ended by the dispatcher with error-timeout after their last attempt")
                .tag("plugin", plugins.of(plugin))
                .register(registry).increment();
    }

    /** Watcher: a heartbeat moved a task's deadline. */
    void heartbeat(String plugin) {
        Counter.builder("dispatcher.tasks.heartbeats")
                .description("Heartbeats that moved an active task's deadline")
                .tag("plugin", plugins.of(plugin))
                .register(registry).increment();
    }

    /** Watcher: a status (final or heartbeat) for a task that is not in flight: unknown, or ended before. */
    void unknownStatus(String status) {
        Counter.builder("dispatcher.tasks.unknown.statuses")
                .description("Statuses for tasks not in flight (unknown, or already ended); accepted and ignored")
                .tag("status", status)
                .register(registry).increment();
    }

    /** Watcher: the tasks in flight of a plugin on the partitions watched here went up or down by one. */
    void inFlight(String plugin, int delta) {
        inFlight.computeIfAbsent(plugins.of(plugin), p -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("dispatcher.tasks.in.flight", value, AtomicLong::get)
                    .description("Active tasks waiting for a final status, on the tracking partitions watched here")
                    .tag("plugin", p)
                    .register(registry);
            return value;
        }).addAndGet(delta);
    }
}
