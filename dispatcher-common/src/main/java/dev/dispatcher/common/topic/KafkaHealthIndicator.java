package dev.dispatcher.common.topic;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Kafka as readiness sees it: topics provisioned and the broker answering now. */
public final class KafkaHealthIndicator implements HealthIndicator {

    private final TopicProvisioner provisioner;
    private final Admin admin;
    private final Duration timeout;

    public KafkaHealthIndicator(TopicProvisioner provisioner, Admin admin, Duration timeout) {
        this.provisioner = provisioner;
        this.admin = admin;
        this.timeout = timeout;
    }

    @Override
    public Health health() {
        if (provisioner.state() != TopicProvisioner.State.READY) {
            return Health.down()
                    .withDetail("topics", provisioner.state().name().toLowerCase())
                    .withDetail("error", String.valueOf(provisioner.lastError()))
                    .build();
        }
        try {
            DescribeClusterResult cluster = admin.describeCluster(
                    new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
            String clusterId = cluster.clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            int brokers = cluster.nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
            return Health.up()
                    .withDetail("clusterId", clusterId)
                    .withDetail("brokers", brokers)
                    .withDetail("topics", provisioner.plan().topics().size())
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down(e).build();
        } catch (Exception e) {
            return Health.down().withDetail("error", "broker not reachable: " + e.getClass().getSimpleName()).build();
        }
    }
}
