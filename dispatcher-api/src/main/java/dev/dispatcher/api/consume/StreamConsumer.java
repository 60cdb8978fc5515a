package dev.dispatcher.api.consume;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kafka consumer of a plugin's {@link Subscription}, driven by its own poller thread.
 *
 * <p>The poller fetches records into a bounded buffer per partition (a full partition is paused
 * until fetches drain it) and runs every call on the consumer: polls, commits, pauses, rebalances.
 * Fetches never touch the consumer: under the {@link PluginFeed}'s lock they take records from the
 * buffers into a {@link Lease}, and later acknowledge them (the response reached the client) or
 * give them back (it did not).
 *
 * <p>Per partition the committed offset is the lowest offset not yet acknowledged: below it every
 * record was handed out and acknowledged or skipped by the filters. Fetches of one plugin run in
 * parallel and finish in any order; a record given back holds the commit point until a later fetch
 * hands it out. When Kafka moves a partition away, the poller waits (at most {@link #REVOKE_WAIT})
 * for the responses being written with its records, commits, and lets the partition go; records
 * not handed out yet are dropped uncommitted, for the new owner to deliver.
 *
 * <p>Live groups mark, in their committed offset's metadata, where they started on each partition;
 * the historic group reads up to that mark and stops, so history and live never hand out the same
 * event.
 */
final class StreamConsumer {

    private static final Logger log = LoggerFactory.getLogger(StreamConsumer.class);
    static final String LIVE_START = "live-start=";
    /** Longest broker wait of one poll; wakeups (commits to make, buffers drained, close) cut it short. */
    private static final Duration POLL_WAIT = Duration.ofSeconds(1);
    /** How long a partition being moved away waits for the responses that carry its records. */
    static final Duration REVOKE_WAIT = Duration.ofSeconds(10);
    private static final long MARK_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final Duration ERROR_BACKOFF = Duration.ofSeconds(1);
    /** While a partition holds paused data: the longest wait between two polls, and how long each poll waits. */
    private static final Duration HELD_WAIT = Duration.ofMillis(100);
    private static final Duration HELD_POLL = Duration.ofMillis(5);

    private final Subscription subscription;
    /**
     * Let go of once closed: a closed Kafka consumer still holds every metric it registered (hundreds, with
     * their tag maps and samples) and its brokers' API versions, and a finished historic consumer stays in its
     * feed for as long as the plugin fetches here. Used on the poller thread, but for {@link #poke}.
     */
    private volatile Consumer<String, byte[]> consumer;
    private final PluginFeed feed;
    private final Function<String, Map<TopicPartition, OffsetAndMetadata>> groupOffsets;
    private final int bufferLimit;
    private final Runnable onHistoryDone;
    /** When a plugin first asked for this subscription on this replica: where live reading starts. */
    private final long createdAtMillis = System.currentTimeMillis();
    private final Thread poller;

    // Guarded by feed.lock.
    private final Map<TopicPartition, PartitionState> partitions = new LinkedHashMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> pendingCommits = new HashMap<>();

    /** Signalled (with a consumer wakeup) when the poller has something to do. */
    private final Condition attention;
    private volatile boolean closing;
    /** A historic consumer whose every partition reached the end of its history: closed, nothing left to read. */
    private volatile boolean finished;
    private volatile int assignedCount;
    private long markCheckedAt;

    StreamConsumer(Subscription subscription, Consumer<String, byte[]> consumer, PluginFeed feed,
                   Function<String, Map<TopicPartition, OffsetAndMetadata>> groupOffsets, int bufferLimit,
                   Runnable onHistoryDone) {
        this.subscription = subscription;
        this.consumer = consumer;
        this.feed = feed;
        this.groupOffsets = groupOffsets;
        this.bufferLimit = bufferLimit;
        this.onHistoryDone = onHistoryDone;
        this.poller = Thread.ofPlatform().daemon().name("poll-" + subscription.groupId()).unstarted(this::run);
        this.attention = feed.lock.newCondition();
    }

    void start() {
        poller.start();
    }

    Subscription subscription() {
        return subscription;
    }

    /** Whether this consumer owns no partition yet (it just joined, or the group gave it none). */
    boolean notReady() {
        return !finished && assignedCount == 0;
    }

    /** A historic consumer that closed because its history was read on every partition it owned. */
    boolean historyFinished() {
        return finished;
    }

    /** Whether the consumer is open: not closed, nor a historic one that finished its history. */
    boolean open() {
        return !finished && poller.isAlive();
    }

    /**
     * Moves up to {@code max} buffered records of one priority into the lease, partitions taken in
     * turn. Only under the feed's lock.
     *
     * @return how many records were taken
     */
    int takeInto(Lease lease, Stream priority, int max) {
        int taken = 0;
        boolean progress = true;
        boolean wake = false;
        while (taken < max && progress) {
            progress = false;
            for (PartitionState state : partitions.values()) {
                if (taken >= max) {
                    break;
                }
                if (state.priority != priority || state.buffer.isEmpty()) {
                    continue;
                }
                ConsumerRecord<String, byte[]> record = state.buffer.pollFirst();
                state.outstanding.add(record.offset());
                lease.take(state, record);
                taken++;
                progress = true;
                wake |= state.pausedFull && state.buffer.size() <= bufferLimit / 2;
            }
        }
        if (wake) {
            poke(); // the poller resumes the drained partitions
        }
        return taken;
    }

    /** The response reached the client: these records are done. Only under the feed's lock. */
    void acknowledge(PartitionState state, List<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            state.outstanding.remove(record.offset());
            state.done = Math.max(state.done, record.offset() + 1);
        }
        requestCommit(state);
    }

    /** These records did not reach the client: back into the buffer, in offset order. Only under the feed's lock. */
    void giveBack(PartitionState state, List<ConsumerRecord<String, byte[]>> records) {
        records.forEach(r -> state.outstanding.remove(r.offset()));
        if (state.gone || records.isEmpty()) {
            return;
        }
        if (state.buffer.isEmpty() || records.getLast().offset() < state.buffer.peekFirst().offset()) {
            for (int i = records.size() - 1; i >= 0; i--) {
                state.buffer.addFirst(records.get(i));
            }
        } else {
            List<ConsumerRecord<String, byte[]>> merged = new ArrayList<>(state.buffer);
            merged.addAll(records);
            merged.sort((a, b) -> Long.compare(a.offset(), b.offset()));
            state.buffer.clear();
            state.buffer.addAll(merged);
        }
    }

    /** Records taken by a fetch still collecting: forgotten, because their partition moved away. */
    void forget(PartitionState state, List<ConsumerRecord<String, byte[]>> records) {
        records.forEach(r -> state.outstanding.remove(r.offset()));
    }

    private void requestCommit(PartitionState state) {
        long point = state.commitPoint();
        if (point > state.committed && !state.gone) {
            state.committed = point;
            pendingCommits.put(state.partition, new OffsetAndMetadata(point, state.metadata));
            poke();
        }
    }

    /** Stops polling, commits what was acknowledged, leaves the group; returns at once. */
    void beginClose() {
        closing = true;
        feed.lock.lock();
        try {
            poke();
        } finally {
            feed.lock.unlock();
        }
    }

    /** Gets the poller's attention, in a poll or waiting between polls. Only under the feed's lock. */
    private void poke() {
        Consumer<String, byte[]> open = consumer;
        if (open != null) {
            open.wakeup(); // thread-safe
        }
        attention.signalAll();
    }

    /** Waits for {@link #beginClose} to finish. */
    void awaitClosed(Duration wait) {
        try {
            poller.join(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (poller.isAlive()) {
            log.warn("Consumer {} did not close within {}", subscription.groupId(), wait);
        }
    }

    private void run() {
        try {
            consumer.subscribe(subscription.topics(), new Rebalance());
            while (!closing) {
                try {
                    housekeeping();
                    Duration wait = POLL_WAIT;
                    if (holdsPausedData()) {
                        // Kafka 4.2's KIP-848 consumer busy-loops inside poll while a paused partition has fetched
                        // data buffered (KAFKA-21084). So while one may have, the poller waits here instead and
                        // polls briefly: other partitions still flow, within HELD_WAIT.
                        awaitAttention(HELD_WAIT);
                        wait = HELD_POLL;
                    }
                    ConsumerRecords<String, byte[]> records = consumer.poll(wait);
                    if (!records.isEmpty()) {
                        buffer(records);
                    }
                } catch (WakeupException e) {
                    // Something to do: commits, resumes, or closing.
                } catch (InterruptException e) {
                    if (!closing) {
                        log.warn("Consumer {} interrupted; closing it", subscription.groupId());
                    }
                    break;
                } catch (KafkaException e) {
                    if (closing) {
                        break;
                    }
                    log.warn("Consumer {} failed, retrying in {}: {}", subscription.groupId(), ERROR_BACKOFF, e.toString());
                    sleep(ERROR_BACKOFF);
                }
            }
        } finally {
            shutdown();
        }
    }

    /**
     * Whether a partition is paused after records of it were fetched: a full buffer. (Partitions paused
     * before any fetch, waiting for their history's end or found at it, hold nothing.)
     */
    private boolean holdsPausedData() {
        feed.lock.lock();
        try {
            for (PartitionState state : partitions.values()) {
                if (state.pausedFull) {
                    return true;
                }
            }
            return false;
        } finally {
            feed.lock.unlock();
        }
    }

    private void awaitAttention(Duration wait) {
        feed.lock.lock();
        try {
            if (pendingCommits.isEmpty() && !closing) {
                attention.awaitNanos(wait.toNanos());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            feed.lock.unlock();
        }
    }

    /** Commits, resumes drained partitions and looks up history ends; on the poller thread only. */
    private void housekeeping() {
        Map<TopicPartition, OffsetAndMetadata> commits;
        List<TopicPartition> resume = new ArrayList<>();
        List<PartitionState> awaiting = new ArrayList<>();
        feed.lock.lock();
        try {
            commits = new HashMap<>(pendingCommits);
            pendingCommits.clear();
            for (PartitionState state : partitions.values()) {
                if (!state.ended && state.historyEnd != null && state.done >= state.historyEnd
                        && state.buffer.isEmpty() && state.outstanding.isEmpty()) {
                    // Its last historic record was handed out before any later one was fetched: the end of
                    // its history, as if the next record had been seen.
                    state.ended = true;
                    requestCommit(state);
                    if (state.pausedFull) {
                        state.pausedFull = false; // what it still fetches is dropped (see buffer)
                        resume.add(state.partition);
                    }
                }
                if (state.pausedFull && !state.ended && state.buffer.size() <= bufferLimit / 2) {
                    state.pausedFull = false;
                    resume.add(state.partition);
                }
                if (state.awaitingMark) {
                    awaiting.add(state);
                }
            }
        } finally {
            feed.lock.unlock();
        }
        commit(commits);
        if (!resume.isEmpty()) {
            consumer.resume(resume);
        }
        if (!awaiting.isEmpty() && System.nanoTime() - markCheckedAt > MARK_CHECK_NANOS) {
            markCheckedAt = System.nanoTime();
            lookUpHistoryEnds(awaiting);
        }
        if (historyDone()) {
            // Nothing left to read: leave the group (what was handed out is committed on the way) instead of
            // keeping a consumer, a poller and a background thread per plugin for nothing.
            log.info("History of {} is read to its end on every partition of this replica; closing its consumer",
                    subscription.groupId());
            finished = true;
            closing = true;
            onHistoryDone.run();
        }
    }

    /** Historic only: every partition owned here ended its history and every record of it was acknowledged. */
    private boolean historyDone() {
        if (subscription.stream() != Stream.HISTORIC || subscription.liveGroup() == null) {
            return false;
        }
        feed.lock.lock();
        try {
            return !partitions.isEmpty() && pendingCommits.isEmpty() && partitions.values().stream()
                    .allMatch(s -> s.ended && s.buffer.isEmpty() && s.outstanding.isEmpty() && s.committed >= s.historyEnd);
        } finally {
            feed.lock.unlock();
        }
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> commits) {
        if (commits.isEmpty()) {
            return;
        }
        try {
            awake(() -> {
                consumer.commitSync(commits);
                return null;
            });
            feed.lock.lock();
            try {
                commits.forEach((tp, offset) -> {
                    PartitionState state = partitions.get(tp);
                    if (state != null) {
                        state.durable = Math.max(state.durable, offset.offset());
                    }
                });
                feed.committed.signalAll();
            } finally {
                feed.lock.unlock();
            }
        } catch (KafkaException e) {
            // Asked again (a rebalance in progress fails a commit): by the next housekeeping, or by the revocation
            // that is about to let the partition go. Never dropped, or the next owner would deliver those again.
            log.warn("Commit of {} for {} failed, will retry: {}", commits.keySet(), subscription.groupId(), e.toString());
            feed.lock.lock();
            try {
                commits.forEach((tp, offset) -> {
                    if (partitions.containsKey(tp)) {
                        pendingCommits.putIfAbsent(tp, offset);
                    }
                });
            } finally {
                feed.lock.unlock();
            }
        }
    }

    /**
     * Historic partitions wait, paused, for the live group's start mark: the end of their history.
     * A partition already at its mark (no history, or all of it read before) ends at once.
     */
    private void lookUpHistoryEnds(List<PartitionState> awaiting) {
        Map<TopicPartition, OffsetAndMetadata> live = groupOffsets.apply(subscription.liveGroup());
        Map<PartitionState, Long> marks = new LinkedHashMap<>();
        awaiting.forEach(state -> {
            Long mark = liveStart(live.get(state.partition));
            if (mark != null) {
                marks.put(state, mark);
            }
        });
        Map<PartitionState, Long> positions = new HashMap<>();
        marks.keySet().forEach(state -> positions.put(state, awake(() -> consumer.position(state.partition))));
        List<TopicPartition> resume = new ArrayList<>();
        feed.lock.lock();
        try {
            marks.forEach((state, mark) -> {
                if (state.gone) {
                    return;
                }
                state.historyEnd = mark;
                state.awaitingMark = false;
                if (positions.get(state) >= mark) {
                    state.ended = true;
                    state.done = Math.max(state.done, mark);
                    requestCommit(state);
                } else {
                    resume.add(state.partition);
                }
            });
        } finally {
            feed.lock.unlock();
        }
        if (!resume.isEmpty()) {
            consumer.resume(resume);
        }
    }

    private void buffer(ConsumerRecords<String, byte[]> records) {
        List<TopicPartition> pause = new ArrayList<>();
        feed.lock.lock();
        try {
            for (TopicPartition tp : records.partitions()) {
                PartitionState state = partitions.get(tp);
                if (state == null) {
                    continue;
                }
                for (ConsumerRecord<String, byte[]> record : records.records(tp)) {
                    if (state.historyEnd != null && record.offset() >= state.historyEnd) {
                        // History is over on this partition: live hands out the rest. Not paused (a paused
                        // partition with fetched data makes Kafka 4.2's consumer spin, KAFKA-21084): what it still
                        // fetches is dropped here until the consumer closes with its history done.
                        if (!state.ended) {
                            state.ended = true;
                            state.done = Math.max(state.done, state.historyEnd);
                            requestCommit(state);
                        }
                        break;
                    }
                    state.buffer.addLast(record);
                }
                if (!state.ended && state.buffer.size() >= bufferLimit) {
                    state.pausedFull = true;
                    pause.add(tp);
                }
            }
            feed.arrived.signalAll();
        } finally {
            feed.lock.unlock();
        }
        if (!pause.isEmpty()) {
            consumer.pause(pause);
        }
    }

    private void shutdown() {
        try {
            Map<TopicPartition, OffsetAndMetadata> commits;
            feed.lock.lock();
            try {
                commits = new HashMap<>(pendingCommits);
                pendingCommits.clear();
            } finally {
                feed.lock.unlock();
            }
            commit(commits);
        } catch (RuntimeException e) {
            log.warn("Final commit of {} failed: {}", subscription.groupId(), e.toString());
        }
        try {
            consumer.close(Duration.ofSeconds(5)); // revokes (and so commits) what this replica still owns
        } catch (RuntimeException e) {
            log.warn("Closing consumer of group {} failed: {}", subscription.groupId(), e.toString());
        }
        consumer = null;
        feed.lock.lock();
        try {
            partitions.values().forEach(s -> s.gone = true);
            partitions.clear();
            assignedCount = 0;
            feed.arrived.signalAll();
            feed.settled.signalAll();
        } finally {
            feed.lock.unlock();
        }
    }

    /**
     * Runs a blocking call on the consumer to its end. Fetches call {@code wakeup()} at any moment to get the
     * poller's attention; that is meant for {@code poll}, and must not abort a commit, a lookup or a rebalance
     * callback halfway (a callback that failed would leave its partitions unknown to this class). A wakeup
     * swallowed here is made again, so that the next poll still returns at once.
     */
    private <T> T awake(Supplier<T> call) {
        boolean swallowed = false;
        try {
            while (true) {
                try {
                    return call.get();
                } catch (WakeupException e) {
                    swallowed = true;
                }
            }
        } finally {
            if (swallowed) {
                consumer.wakeup();
            }
        }
    }

    static Long liveStart(OffsetAndMetadata offset) {
        if (offset == null || offset.metadata() == null || !offset.metadata().startsWith(LIVE_START)) {
            return null;
        }
        try {
            return Long.parseLong(offset.metadata().substring(LIVE_START.length()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs inside {@code poll}, on the poller thread. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            let(revoked, true);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            let(lost, false);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            if (assigned.isEmpty()) {
                return;
            }
            Map<TopicPartition, PartitionState> fresh = new LinkedHashMap<>();
            for (TopicPartition tp : assigned) {
                fresh.put(tp, new PartitionState(StreamConsumer.this, tp, subscription.priorityOf(tp.topic())));
            }
            if (subscription.stream() == Stream.HISTORIC) {
                if (subscription.liveGroup() != null) {
                    fresh.values().forEach(s -> s.awaitingMark = true);
                    consumer.pause(assigned); // until the live group's start mark is known
                    markCheckedAt = 0;
                }
            } else {
                markLiveStart(fresh);
            }
            feed.lock.lock();
            try {
                partitions.putAll(fresh);
                assignedCount = partitions.size();
            } finally {
                feed.lock.unlock();
            }
        }

        /** Remembers, or makes, the mark of where this group started reading each partition. */
        private void markLiveStart(Map<TopicPartition, PartitionState> fresh) {
            Map<TopicPartition, OffsetAndMetadata> committed = awake(() -> consumer.committed(fresh.keySet()));
            List<TopicPartition> unmarked = new ArrayList<>();
            fresh.forEach((tp, state) -> {
                OffsetAndMetadata offset = committed.get(tp);
                if (offset == null) {
                    unmarked.add(tp);
                } else if (offset.metadata() != null) {
                    state.metadata = offset.metadata();
                }
            });
            if (unmarked.isEmpty()) {
                return;
            }
            // A new group starts where the plugin first asked, not where the log ends when Kafka gets
            // round to assigning partitions: events published in between must not be skipped.
            Map<TopicPartition, Long> times = new HashMap<>();
            unmarked.forEach(tp -> times.put(tp, createdAtMillis));
            Map<TopicPartition, OffsetAndTimestamp> atTime = awake(() -> consumer.offsetsForTimes(times));
            Map<TopicPartition, Long> ends = awake(() -> consumer.endOffsets(unmarked));
            Map<TopicPartition, OffsetAndMetadata> marks = new HashMap<>();
            for (TopicPartition tp : unmarked) {
                OffsetAndTimestamp found = atTime.get(tp);
                long start = found != null ? found.offset() : ends.get(tp);
                consumer.seek(tp, start);
                String mark = LIVE_START + start;
                fresh.get(tp).metadata = mark;
                fresh.get(tp).committed = start;
                marks.put(tp, new OffsetAndMetadata(start, mark));
            }
            awake(() -> {
                consumer.commitSync(marks);
                return null;
            });
        }

        /**
         * Lets partitions go: fetches still collecting forget their records; responses being written
         * are waited for (bounded) so that what they deliver is committed here, not delivered again
         * by the next owner. Lost partitions cannot commit anything and are let go at once.
         */
        private void let(Collection<TopicPartition> partitionsGoing, boolean commit) {
            if (partitionsGoing.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
            feed.lock.lock();
            try {
                List<PartitionState> going = new ArrayList<>();
                for (TopicPartition tp : partitionsGoing) {
                    PartitionState state = partitions.get(tp);
                    if (state != null) {
                        state.gone = true;
                        state.buffer.clear();
                        going.add(state);
                    }
                }
                feed.arrived.signalAll(); // fetches still collecting drop these partitions' records
                feed.committed.signalAll(); // and acknowledged ones stop waiting for a commit made here
                if (commit) {
                    long deadline = System.nanoTime() + REVOKE_WAIT.toNanos();
                    while (going.stream().anyMatch(s -> !s.outstanding.isEmpty())) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            log.warn("Partitions of {} moved away while a response was still being written; "
                                    + "its events may be delivered again by their next owner", subscription.groupId());
                            break;
                        }
                        try {
                            feed.settled.awaitNanos(left);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            break;
                        }
                    }
                    for (PartitionState state : going) {
                        // A commit asked for but not made yet (the poller makes it between polls) is made now,
                        // or the next owner would hand out those events again.
                        long point = Math.max(state.commitPoint(), state.committed);
                        if (point > state.committed || pendingCommits.containsKey(state.partition)) {
                            commits.put(state.partition, new OffsetAndMetadata(point, state.metadata));
                        }
                    }
                }
                for (PartitionState state : going) {
                    pendingCommits.remove(state.partition);
                    partitions.remove(state.partition);
                }
                assignedCount = partitions.size();
            } finally {
                feed.lock.unlock();
            }
            if (!commits.isEmpty()) {
                try {
                    awake(() -> {
                        consumer.commitSync(commits);
                        return null;
                    });
                } catch (KafkaException e) {
                    log.warn("Commit of {} while letting them go failed: {}", commits.keySet(), e.toString());
                }
            }
        }
    }

    /** One assigned partition; every field guarded by the feed's lock. */
    static final class PartitionState {
        final StreamConsumer owner;
        final TopicPartition partition;
        final Stream priority;
        final ArrayDeque<ConsumerRecord<String, byte[]>> buffer = new ArrayDeque<>();
        /** Offsets taken by fetches and not yet acknowledged or given back. */
        final TreeSet<Long> outstanding = new TreeSet<>();
        /** Highest offset + 1 acknowledged, or passed as the end of history. */
        long done = -1;
        /** Offset last committed or asked to be. */
        long committed = -1;
        /** Offset last committed as Kafka confirmed. */
        long durable = -1;
        /** Metadata to keep on every commit (a live group's start mark). */
        String metadata = "";
        /** Historic: the live group's start mark, where history ends (null: not known yet, or unbounded). */
        Long historyEnd;
        boolean awaitingMark;
        boolean ended;
        boolean pausedFull;
        /** Moved away from this replica: nothing of it is committed or buffered any more. */
        boolean gone;

        PartitionState(StreamConsumer owner, TopicPartition partition, Stream priority) {
            this.owner = owner;
            this.partition = partition;
            this.priority = priority;
        }

        /** The lowest offset not acknowledged yet: everything below it is done. */
        long commitPoint() {
            long point = done;
            if (!outstanding.isEmpty()) {
                point = Math.min(point, outstanding.first());
            }
            if (!buffer.isEmpty()) {
                point = Math.min(point, buffer.peekFirst().offset());
            }
            return point;
        }
    }
}
