package dev.dispatcher.api.consume;

import dev.dispatcher.api.task.PauseState;
import dev.dispatcher.common.web.ApiException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.http.HttpStatus;

/**
 * Serves one fetch: fills the request's {@code count} from its plugin's feed (expedite, then live,
 * then historic), waiting for new events until the request's timeout.
 */
final class Fetcher implements AutoCloseable {

    private static final Duration KAFKA_CHECK = Duration.ofSeconds(1);
    private static final long KAFKA_CHECK_CACHE_NANOS = Duration.ofSeconds(2).toNanos();

    private final ConsumerPool pool;
    private final Admin admin;
    private final PauseState pause;
    private volatile long kafkaCheckedAt;
    private volatile boolean kafkaUp = true;
    /** Whether the broker ever answered a check, and whether the last check failed. */
    private volatile boolean kafkaSeen;
    private volatile boolean lastCheckFailed;
    /** The broker check running now, if any. */
    private final AtomicReference<CompletableFuture<Void>> checking = new AtomicReference<>();

    /** @param admin used for the broker check alone, and closed with this fetcher */
    Fetcher(ConsumerPool pool, Admin admin, PauseState pause) {
        this.pool = pool;
        this.admin = admin;
        this.pause = pause;
    }

    /** The events for this request, leased: commit the lease once the client has them. */
    Lease fetch(FetchRequest request) throws InterruptedException {
        requireKafka();
        long deadline = System.nanoTime() + request.timeout().toNanos();
        Lease lease = new Lease(request, pool.feedFor(request), request.mode() == Mode.ACTIVE ? pause : null);
        try {
            while (lease.delivered() < request.count()
                    && lease.feed().take(lease, request.count() - lease.delivered(), deadline)) {
                lease.judge();
            }
            return lease;
        } catch (RuntimeException | InterruptedException e) {
            lease.close();
            throw e;
        }
    }

    /**
     * Fails fast (503) when the broker does not answer, instead of long-polling into nothing. A broker
     * that answered before is called down only after two failed checks in a row: one slow answer under
     * load (measured: hundreds of plugins' consumers joining at once) must not refuse every fetch. One
     * check runs at a time: fetches arriving meanwhile wait for its verdict instead of asking the broker
     * too (hundreds of long-polls whose check fell due together made hundreds of checks, which then timed
     * out together; measured in the idle phase of the events-api benchmark).
     */
    void requireKafka() throws InterruptedException {
        if (System.nanoTime() - kafkaCheckedAt > KAFKA_CHECK_CACHE_NANOS) {
            CompletableFuture<Void> mine = new CompletableFuture<>();
            CompletableFuture<Void> running = checking.compareAndExchange(null, mine);
            if (running == null) {
                try {
                    if (System.nanoTime() - kafkaCheckedAt > KAFKA_CHECK_CACHE_NANOS) {
                        checkKafka();
                    }
                } finally {
                    checking.set(null);
                    mine.complete(null);
                }
            } else {
                try {
                    running.get(2 * KAFKA_CHECK.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    // the verdict so far stands
                }
            }
        }
        if (!kafkaUp) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "kafka_unavailable",
                    "Kafka is not reachable from this replica; retry shortly.", Map.of());
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }

    private void checkKafka() throws InterruptedException {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) KAFKA_CHECK.toMillis()))
                    .nodes().get(KAFKA_CHECK.toMillis(), TimeUnit.MILLISECONDS);
            kafkaUp = true;
            kafkaSeen = true;
            lastCheckFailed = false;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            kafkaUp = kafkaSeen && !lastCheckFailed;
            lastCheckFailed = true;
        }
        kafkaCheckedAt = System.nanoTime();
    }
}
