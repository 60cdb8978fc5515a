package dev.dispatcher.common.topic;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reconciles topics at startup in the background, retrying with backoff while the broker cannot be
 * reached, so the process stays up (liveness) and reports not-ready (readiness) meanwhile.
 */
public final class TopicProvisioner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    /** Where provisioning stands. */
    public enum State { PENDING, READY, FAILED }

    private final TopicPlan plan;
    private final TopicsProperties properties;
    private final Admin admin;
    private final String bootstrapServers;
    private final TopicMetrics metrics;
    private final Consumer<TopicMismatchException> onRefusal;
    private final CountDownLatch done = new CountDownLatch(1);

    private volatile State state = State.PENDING;
    private volatile String lastError = "not attempted yet";
    private volatile TopicReconciler.Report lastReport;
    private volatile Thread worker;

    public TopicProvisioner(TopicPlan plan, TopicsProperties properties, Admin admin, String bootstrapServers,
                            TopicMetrics metrics, Consumer<TopicMismatchException> onRefusal) {
        this.plan = plan;
        this.properties = properties;
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
        this.metrics = metrics;
        this.onRefusal = onRefusal;
        metrics.bindState(this::state);
    }

    @Override
    public void start() {
        if (!properties.isProvision()) {
            log.info("Topic provisioning disabled (dispatcher.topics.provision=false)");
            finish(State.READY, null);
            return;
        }
        worker = Thread.ofPlatform().daemon().name("topic-provisioner").start(this::provisionWithRetry);
    }

    @Override
    public void stop() {
        Thread t = worker;
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
            try {
                t.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        worker = null;
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }

    /** Before everything that reads or writes topics. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }

    /** Current state. */
    public State state() {
        return state;
    }

    /** Why the last attempt failed, or null once ready. */
    public String lastError() {
        return lastError;
    }

    /** The last successful reconciliation, or null. */
    public TopicReconciler.Report lastReport() {
        return lastReport;
    }

    /** The plan being provisioned. */
    public TopicPlan plan() {
        return plan;
    }

    /** Waits until provisioning ended (ready or refused); true when the topics are ready. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && state == State.READY;
    }

    private void provisionWithRetry() {
        Duration delay = properties.getRetryInitial();
        for (int attempt = 1; !Thread.currentThread().isInterrupted(); attempt++) {
            try {
                TopicReconciler.Report report = new TopicReconciler(admin, properties.getOperationTimeout()).reconcile(plan);
                metrics.attempt(true);
                metrics.changes(report);
                if (!report.mismatches().isEmpty()) {
                    if (!properties.isTolerateMismatch()) {
                        TopicMismatchException refusal = new TopicMismatchException(report.mismatches());
                        log.error("{} (set dispatcher.topics.tolerate-mismatch=true to start anyway)", refusal.getMessage());
                        finish(State.FAILED, refusal.getMessage());
                        onRefusal.accept(refusal);
                        return;
                    }
                    report.mismatches().forEach(m -> log.warn("Topic mismatch tolerated: {}", m));
                }
                lastReport = report;
                log.info("Topics ready on {} (attempt {}): {}", bootstrapServers, attempt, report);
                finish(State.READY, null);
                return;
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                metrics.attempt(false);
                lastError = describe(e);
                log.warn("Kafka at {} not usable for topic provisioning (attempt {}): {}; retrying in {}s",
                        bootstrapServers, attempt, lastError, delay.toSeconds());
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException interrupted) {
                    return;
                }
                delay = delay.multipliedBy(2).compareTo(properties.getRetryMax()) > 0 ? properties.getRetryMax() : delay.multipliedBy(2);
            }
        }
    }

    private void finish(State end, String error) {
        lastError = error;
        state = end;
        done.countDown();
    }

    private static String describe(Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
