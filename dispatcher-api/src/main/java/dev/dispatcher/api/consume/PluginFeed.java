package dev.dispatcher.api.consume;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Everything one plugin identity and filter set reads on this replica: its consumers (at most two:
 * live with expedite, and historic) and the records they buffered. Any number of fetches of the
 * plugin are served at once; they only take turns for the moment they take records.
 */
final class PluginFeed {

    private static final int REDELIVERED_REMEMBERED = 10_000;
    private static final Stream[] PRIORITY = {Stream.REDELIVERY, Stream.EXPEDITE, Stream.LIVE, Stream.HISTORIC};

    /** Guards the consumers' buffers and partition states. */
    final ReentrantLock lock = new ReentrantLock();
    /** Signalled when records arrive, partitions move away, or the feed drains or closes. */
    final Condition arrived = lock.newCondition();
    /** Signalled when taken records are acknowledged, given back or forgotten. */
    final Condition settled = lock.newCondition();
    /** Signalled when Kafka confirmed a commit, or partitions moved away. */
    final Condition committed = lock.newCondition();

    private final String name;
    private volatile List<StreamConsumer> consumers = List.of();
    /** Old task ids of the redeliveries this feed handed out (bounded): a task queued twice is handed out once. */
    private final Set<String> redelivered = Collections.newSetFromMap(new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REDELIVERED_REMEMBERED;
        }
    });
    private long historyCheckedAt = System.nanoTime();
    private int users;
    private boolean closed;
    private boolean draining;
    private volatile long lastUsedNanos = System.nanoTime();

    PluginFeed(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    /** Sets the consumers (in the order their streams rank) and starts their pollers. */
    void start(List<StreamConsumer> consumers) {
        this.consumers = List.copyOf(consumers);
        this.consumers.forEach(StreamConsumer::start);
    }

    List<StreamConsumer> consumers() {
        return consumers;
    }

    /** Puts a new consumer, started here, in the place of a finished one. */
    void replace(StreamConsumer finished, StreamConsumer fresh) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            List<StreamConsumer> next = new ArrayList<>(consumers);
            next.set(next.indexOf(finished), fresh);
            consumers = List.copyOf(next);
        } finally {
            lock.unlock();
        }
        fresh.start();
    }

    /** True at most once per {@code interval}: time to check whether a finished history needs reading again. */
    synchronized boolean historyCheckDue(Duration interval) {
        if (System.nanoTime() - historyCheckedAt < interval.toNanos()) {
            return false;
        }
        historyCheckedAt = System.nanoTime();
        return true;
    }

    /** Whether a redelivery of the task last handed out as {@code oldId} was handed out by this feed already. */
    synchronized boolean redeliveredAlready(String oldId) {
        return redelivered.contains(oldId);
    }

    /** Remembers the old task ids of redeliveries a fetch handed out. */
    synchronized void rememberRedelivered(List<String> oldIds) {
        redelivered.addAll(oldIds);
    }

    /** A fetch begins using this feed; false when it was closed meanwhile (ask the pool for a new one). */
    boolean enter() {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            users++;
            lastUsedNanos = System.nanoTime();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** A fetch is done with this feed (its lease acknowledged or given back). */
    void exit() {
        lock.lock();
        try {
            users--;
            lastUsedNanos = System.nanoTime();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes up to {@code max} buffered records into the lease, highest priority first; when none is
     * buffered, waits for some until the deadline.
     *
     * @return whether any record was taken (false: deadline passed, draining, or closed)
     */
    boolean take(Lease lease, int max, long deadlineNanos) throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (lease.forgetGone()) {
                    settled.signalAll();
                }
                int taken = 0;
                for (Stream priority : PRIORITY) {
                    for (StreamConsumer consumer : consumers) {
                        taken += consumer.takeInto(lease, priority, max - taken);
                    }
                }
                if (taken > 0) {
                    return true;
                }
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0 || draining || closed) {
                    return false;
                }
                arrived.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The lease's response reached the client. */
    void acknowledge(Lease lease) {
        lock.lock();
        try {
            lease.forEachPartition((state, records) -> state.owner.acknowledge(state, records));
            settled.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits, at most {@code max}, until Kafka confirmed the commit of every record of the acknowledged
     * lease (or its partition moved away, its next owner's business now).
     *
     * @return whether every commit was confirmed in time
     */
    boolean awaitCommitted(Lease lease, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        lock.lock();
        try {
            while (!lease.committedInKafka()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                committed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The lease's response did not reach the client: its records go back for the next fetch. */
    void giveBack(Lease lease) {
        lock.lock();
        try {
            lease.forEachPartition((state, records) -> state.owner.giveBack(state, records));
            settled.signalAll();
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Shutdown has begun: fetches waiting here return what they have at once. */
    void drain() {
        lock.lock();
        try {
            draining = true;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Begins closing when no fetch used this feed for {@code idle}; true when it does. */
    boolean beginCloseIfIdle(Duration idle) {
        lock.lock();
        try {
            if (closed || users > 0 || System.nanoTime() - lastUsedNanos < idle.toNanos()) {
                return false;
            }
            closed = true;
        } finally {
            lock.unlock();
        }
        consumers.forEach(StreamConsumer::beginClose);
        return true;
    }

    /** Begins closing whatever its users: they get what was taken and acknowledged until the consumers close. */
    void beginClose() {
        lock.lock();
        try {
            closed = true;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
        consumers.forEach(StreamConsumer::beginClose);
    }

    void awaitClosed(Duration wait) {
        consumers.forEach(c -> c.awaitClosed(wait));
    }
}
