package dev.dispatcher.common.topic;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/** Every meter of topic provisioning, made in one place (names documented in docs/metrics.md). */
public final class TopicMetrics {

    private final Counter attemptsOk;
    private final Counter attemptsFailed;
    private final Counter created;
    private final Counter grown;
    private final Counter reconfigured;
    private final Counter mismatched;

    private final MeterRegistry registry;

    public TopicMetrics(MeterRegistry registry) {
        this.registry = registry;
        attemptsOk = attempts(registry, "success");
        attemptsFailed = attempts(registry, "failure");
        created = changes(registry, "created");
        grown = changes(registry, "grown");
        reconfigured = changes(registry, "reconfigured");
        mismatched = changes(registry, "mismatched");
    }

    void bindState(Supplier<TopicProvisioner.State> state) {
        Gauge.builder("dispatcher.topics.ready", () -> state.get() == TopicProvisioner.State.READY ? 1 : 0)
                .description("1 once every desired topic exists as configured, else 0")
                .register(registry);
    }

    void attempt(boolean ok) {
        (ok ? attemptsOk : attemptsFailed).increment();
    }

    void changes(TopicReconciler.Report report) {
        created.increment(report.created().size());
        grown.increment(report.grown().size());
        reconfigured.increment(report.reconfigured().size());
        mismatched.increment(report.mismatches().size());
    }

    private static Counter attempts(MeterRegistry registry, String result) {
        return Counter.builder("dispatcher.topics.provision.attempts")
                .description("Topic reconciliation attempts by result")
                .tag("result", result).register(registry);
    }

    private static Counter changes(MeterRegistry registry, String change) {
        return Counter.builder("dispatcher.topics.changes")
                .description("Topics created, grown, reconfigured or found mismatched by reconciliation")
                .tag("change", change).register(registry);
    }
}
