package dev.dispatcher.indexer.pipeline;

import java.util.List;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Liveness: every bulker thread runs. Failures of the cluster or of Kafka never end one (they are waited out), so a
 * dead bulker is a bug the process cannot recover from by itself: DOWN lets the orchestrator restart it, and the
 * batch it held, never committed, is read again.
 */
public class PipelinesHealthIndicator implements HealthIndicator {

    private final Pipelines pipelines;

    public PipelinesHealthIndicator(Pipelines pipelines) {
        this.pipelines = pipelines;
    }

    @Override
    public Health health() {
        List<String> dead = pipelines.deadBulkers();
        return dead.isEmpty() ? Health.up().build() : Health.down().withDetail("stopped", dead).build();
    }
}
