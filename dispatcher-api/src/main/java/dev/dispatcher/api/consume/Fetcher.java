package dev.dispatcher.api.consume;

import dev.dispatcher.common.web.ApiException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.http.HttpStatus;

/**
 * Serves one fetch: takes its plugin's consumers in priority order and fills the request's
 * {@code count} from expedite, then live, then historic, waiting for new events until the
 * request's timeout.
 */
final class Fetcher {

    private static final Duration KAFKA_CHECK = Duration.ofSeconds(1);
    private static final long KAFKA_CHECK_CACHE_NANOS = Duration.ofSeconds(2).toNanos();

    private final ConsumerPool pool;
    private final ConsumeProperties properties;
    private final Admin admin;
    private volatile long kafkaCheckedAt;
    private volatile boolean kafkaUp = true;

    Fetcher(ConsumerPool pool, ConsumeProperties properties, Admin admin) {
        this.pool = pool;
        this.properties = properties;
        this.admin = admin;
    }

    /** The events for this request, leased: commit the lease once the client has them. */
    Lease fetch(FetchRequest request) throws InterruptedException {
        requireKafka();
        long deadline = System.nanoTime() + request.timeout().toNanos();
        List<PluginConsumer> consumers = pool.consumersFor(request);
        Lease lease = new Lease(request);
        try {
            for (PluginConsumer consumer : consumers) {
                if (consumer.acquire(remaining(deadline))) {
                    lease.part(consumer);
                }
            }
            if (lease.parts().isEmpty()) {
                return lease; // other fetches of this plugin kept every consumer until our deadline
            }
            Duration slice = properties.getPollSlice().dividedBy(lease.parts().size());
            while (true) {
                for (Lease.Part part : lease.parts()) {
                    part.consumer().takeInto(part, request.count() - lease.delivered());
                }
                if (lease.delivered() >= request.count() || pool.draining()) {
                    break;
                }
                Duration left = remaining(deadline);
                boolean buffered = lease.parts().stream().anyMatch(p -> p.consumer().hasBuffered());
                if (left.isZero() && !buffered && lease.polled()) {
                    break;
                }
                for (Lease.Part part : lease.parts()) {
                    part.consumer().poll(buffered ? Duration.ZERO : min(slice, left));
                }
                lease.markPolled();
            }
            return lease;
        } catch (RuntimeException | InterruptedException e) {
            lease.close();
            throw e;
        }
    }

    /** Fails fast (503) when the broker does not answer, instead of long-polling into nothing. */
    private void requireKafka() {
        if (System.nanoTime() - kafkaCheckedAt > KAFKA_CHECK_CACHE_NANOS) {
            try {
                admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) KAFKA_CHECK.toMillis()))
                        .nodes().get(KAFKA_CHECK.toMillis(), TimeUnit.MILLISECONDS);
                kafkaUp = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                kafkaUp = false;
            }
            kafkaCheckedAt = System.nanoTime();
        }
        if (!kafkaUp) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "kafka_unavailable",
                    "Kafka is not reachable from this replica; retry shortly.", Map.of());
        }
    }

    private static Duration remaining(long deadline) {
        long left = deadline - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
