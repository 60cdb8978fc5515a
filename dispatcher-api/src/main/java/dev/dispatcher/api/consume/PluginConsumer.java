package dev.dispatcher.api.consume;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kafka consumer of one {@link Subscription}, used by one fetch at a time.
 *
 * <p>Records fetched from Kafka wait in a per-partition buffer until a fetch takes them. A fetch
 * takes records into a {@link Lease}; offsets are committed only when the lease is committed,
 * after the response reached the client. A lease given back puts its records at the head of the
 * buffer again. When Kafka moves a partition to another replica, its buffered records are dropped
 * uncommitted, so the new owner delivers them: nothing is lost and nothing is handed out twice.
 *
 * <p>Live consumers mark, in their committed offset's metadata, where they started on each
 * partition; the matching historic consumer reads up to that mark and stops, so history and live
 * never hand out the same event.
 */
final class PluginConsumer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PluginConsumer.class);
    static final String LIVE_START = "live-start=";

    private final Subscription subscription;
    private final Consumer<String, byte[]> consumer;
    private final Function<String, Map<TopicPartition, OffsetAndMetadata>> groupOffsets;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Map<TopicPartition, ArrayDeque<ConsumerRecord<String, byte[]>>> buffered = new LinkedHashMap<>();
    /** Commit metadata to keep on every commit of a live consumer (its start marks). */
    private final Map<TopicPartition, String> metadata = new HashMap<>();
    /** Where history ends per partition (historic consumers read alongside live only). */
    private final Map<TopicPartition, Long> historyEnd = new HashMap<>();
    private final Set<TopicPartition> assigned = new HashSet<>();
    /** Historic partitions paused until the live group's start mark is known. */
    private final Set<TopicPartition> awaitingMark = new HashSet<>();
    private Lease.Part current;
    private long boundaryCheckedAt;
    private volatile long lastUsedNanos = System.nanoTime();
    /** When a plugin first asked for this subscription on this replica: where live reading starts. */
    private final long createdAtMillis = System.currentTimeMillis();
    private volatile boolean closed;
    private boolean subscribed;

    PluginConsumer(Subscription subscription, Consumer<String, byte[]> consumer,
                   Function<String, Map<TopicPartition, OffsetAndMetadata>> groupOffsets) {
        this.subscription = subscription;
        this.consumer = consumer;
        this.groupOffsets = groupOffsets;
    }

    Subscription subscription() {
        return subscription;
    }

    /** Takes the consumer for one fetch; false when another fetch keeps it past the deadline. */
    boolean acquire(Duration wait) throws InterruptedException {
        if (!lock.tryLock(Math.max(0, wait.toNanos()), TimeUnit.NANOSECONDS)) {
            return false;
        }
        if (closed) {
            lock.unlock();
            return false;
        }
        lastUsedNanos = System.nanoTime();
        if (!subscribed) {
            consumer.subscribe(subscription.topics(), new Rebalance());
            subscribed = true;
        }
        return true;
    }

    void release() {
        lastUsedNanos = System.nanoTime();
        lock.unlock();
    }

    /** Whether this consumer owns no partition yet (it just joined, or the group gave it none). */
    boolean notReady() {
        return assigned.isEmpty();
    }

    /** Whether records are waiting that a fetch could take now (not those held back for a start mark). */
    boolean hasBuffered() {
        for (Map.Entry<TopicPartition, ArrayDeque<ConsumerRecord<String, byte[]>>> entry : buffered.entrySet()) {
            if (!entry.getValue().isEmpty() && !awaitingMark.contains(entry.getKey())) {
                return true;
            }
        }
        return false;
    }

    /** Asks Kafka for more records, waiting up to {@code wait}; only while acquired. */
    void poll(Duration wait) {
        ConsumerRecords<String, byte[]> records = consumer.poll(wait);
        for (TopicPartition tp : records.partitions()) {
            buffered.computeIfAbsent(tp, k -> new ArrayDeque<>()).addAll(records.records(tp));
        }
    }

    /**
     * Moves up to {@code max} buffered records into the lease part, partitions taken in turn.
     * Records at or past the end of history are not taken; that partition is paused for good.
     */
    void takeInto(Lease.Part part, int max) {
        current = part;
        int taken = 0;
        boolean progress = true;
        while (taken < max && progress) {
            progress = false;
            for (Iterator<Map.Entry<TopicPartition, ArrayDeque<ConsumerRecord<String, byte[]>>>> it = buffered.entrySet().iterator();
                 it.hasNext() && taken < max; ) {
                Map.Entry<TopicPartition, ArrayDeque<ConsumerRecord<String, byte[]>>> entry = it.next();
                ConsumerRecord<String, byte[]> next = entry.getValue().peek();
                if (next == null) {
                    continue;
                }
                TopicPartition tp = entry.getKey();
                if (subscription.liveGroup() != null) {
                    Long end = historyEnd(tp);
                    if (end == null) {
                        // Live has not marked this partition yet: history waits, without fetching more meanwhile.
                        if (awaitingMark.add(tp)) {
                            consumer.pause(List.of(tp));
                        }
                        continue;
                    }
                    if (awaitingMark.remove(tp)) {
                        consumer.resume(List.of(tp));
                    }
                    if (next.offset() >= end) {
                        entry.getValue().clear();
                        consumer.pause(List.of(tp));
                        part.advance(tp, end);
                        continue;
                    }
                }
                if (part.add(tp, entry.getValue().poll())) {
                    taken++;
                }
                progress = true;
            }
        }
    }

    /** Commits what a lease part handed out (and skipped); only while acquired. */
    void commit(Map<TopicPartition, Long> positions) {
        if (positions.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        positions.forEach((tp, offset) -> {
            if (assigned.contains(tp)) {
                offsets.put(tp, new OffsetAndMetadata(offset, metadata.getOrDefault(tp, "")));
            }
        });
        if (!offsets.isEmpty()) {
            consumer.commitSync(offsets);
        }
    }

    /** Puts records of a lease part that was not delivered back at the head of the buffer. */
    void giveBack(Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> records) {
        records.forEach((tp, list) -> {
            if (assigned.contains(tp)) {
                ArrayDeque<ConsumerRecord<String, byte[]>> queue = buffered.computeIfAbsent(tp, k -> new ArrayDeque<>());
                for (int i = list.size() - 1; i >= 0; i--) {
                    queue.addFirst(list.get(i));
                }
            }
        });
    }

    /** End of history on a partition: the live group's start mark, looked up at most once a second while missing. */
    private Long historyEnd(TopicPartition tp) {
        Long end = historyEnd.get(tp);
        if (end == null && System.nanoTime() - boundaryCheckedAt > 1_000_000_000L) {
            boundaryCheckedAt = System.nanoTime();
            groupOffsets.apply(subscription.liveGroup()).forEach((p, offset) -> {
                Long mark = liveStart(offset);
                if (mark != null) {
                    historyEnd.put(p, mark);
                }
            });
            end = historyEnd.get(tp);
        }
        return end;
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

    /** Idle since when, for the release of unused consumers. */
    long lastUsedNanos() {
        return lastUsedNanos;
    }

    /** Closes unless a fetch is using it; true when closed. */
    boolean closeIfIdle() {
        if (!lock.tryLock()) {
            return false;
        }
        try {
            close();
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        buffered.clear();
        try {
            consumer.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            log.warn("Closing consumer of group {} failed: {}", subscription.groupId(), e.toString());
        }
    }

    /** Runs inside {@code poll}, so always while the consumer is acquired. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            drop(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            drop(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assigned.addAll(partitions);
            if (subscription.stream() == Stream.HISTORIC || partitions.isEmpty()) {
                return;
            }
            // Remember, or make, the mark of where this group started reading each partition.
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
            List<TopicPartition> fresh = new ArrayList<>();
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata offset = committed.get(tp);
                if (offset == null) {
                    fresh.add(tp);
                } else if (offset.metadata() != null) {
                    metadata.put(tp, offset.metadata());
                }
            }
            if (fresh.isEmpty()) {
                return;
            }
            // A new group starts where the plugin first asked, not where the log ends when Kafka gets
            // round to assigning partitions: events published in between must not be skipped.
            Map<TopicPartition, Long> times = new HashMap<>();
            fresh.forEach(tp -> times.put(tp, createdAtMillis));
            Map<TopicPartition, OffsetAndTimestamp> atTime = consumer.offsetsForTimes(times);
            Map<TopicPartition, Long> ends = consumer.endOffsets(fresh);
            Map<TopicPartition, OffsetAndMetadata> marks = new HashMap<>();
            for (TopicPartition tp : fresh) {
                OffsetAndTimestamp found = atTime.get(tp);
                long start = found != null ? found.offset() : ends.get(tp);
                consumer.seek(tp, start);
                String mark = LIVE_START + start;
                metadata.put(tp, mark);
                marks.put(tp, new OffsetAndMetadata(start, mark));
            }
            consumer.commitSync(marks);
        }

        private void drop(Collection<TopicPartition> partitions) {
            assigned.removeAll(partitions);
            for (TopicPartition tp : partitions) {
                buffered.remove(tp);
                awaitingMark.remove(tp);
                metadata.remove(tp);
                historyEnd.remove(tp);
            }
            if (current != null) {
                // Not handed out yet: the partition's new owner delivers these.
                current.drop(partitions);
            }
        }
    }

    @Override
    public String toString() {
        return "PluginConsumer[" + subscription.groupId() + ", partitions=" + new ArrayList<>(assigned) + "]";
    }
}
