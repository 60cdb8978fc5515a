package dev.dispatcher.api.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;

/**
 * {@link Lease#awaitCommitted}: an acknowledged lease counts as committed only once Kafka confirmed the
 * commit, not when it was asked for. Kafka's {@link MockConsumer} stands in for the broker so that a
 * commit can be held back; the integration tests cover the same path on a real one.
 */
class LeaseCommitTest {

    private static final String TOPIC = "unit.binary.held.sourced";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    private final HeldCommits consumer = new HeldCommits();
    private final PluginFeed feed = new PluginFeed("held");
    private StreamConsumer stream;

    @AfterEach
    void close() {
        consumer.release.countDown();
        feed.consumers().forEach(StreamConsumer::beginClose);
    }

    @Test
    void anAcknowledgedLeaseIsCommittedOnlyOnceKafkaConfirmedTheCommit() throws Exception {
        start();
        for (long offset = 0; offset < 3; offset++) {
            consumer.schedulePollTask(record(offset));
        }
        Lease lease = new Lease(request(), feed, null);
        feed.enter();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (lease.delivered() < 3 && feed.take(lease, 3 - lease.delivered(), deadline)) {
            lease.judge();
        }
        assertThat(lease.delivered()).isEqualTo(3);

        lease.commit();
        // The poller is inside commitSync, held there: asked for, not confirmed.
        assertThat(consumer.entered.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(lease.awaitCommitted(Duration.ofMillis(300))).isFalse();

        consumer.release.countDown();
        assertThat(lease.awaitCommitted(Duration.ofSeconds(10))).isTrue();
        assertThat(consumer.committed(Set.of(PARTITION)).get(PARTITION).offset()).isEqualTo(3);
        lease.close();
    }

    @Test
    void aLeaseWhosePartitionMovedAwayStopsWaiting() throws Exception {
        consumer.failing = true; // every commit fails, as during a rebalance
        start();
        consumer.schedulePollTask(record(0));
        Lease lease = new Lease(request(), feed, null);
        feed.enter();
        assertThat(feed.take(lease, 1, System.nanoTime() + TimeUnit.SECONDS.toNanos(10))).isTrue();
        lease.judge();
        lease.commit();
        assertThat(consumer.entered.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(lease.awaitCommitted(Duration.ofMillis(300))).isFalse();

        // The partition is taken away: the next owner's business now, nothing left to wait for here.
        consumer.schedulePollTask(() -> consumer.rebalance(List.of()));
        assertThat(lease.awaitCommitted(Duration.ofSeconds(10))).isTrue();
        assertThat(stream.notReady()).isTrue();
        lease.close();
    }

    private void start() {
        stream = new StreamConsumer(new Subscription("unit.held.live", null, "held", Stream.LIVE, List.of(TOPIC), null, null),
                consumer, feed, group -> Map.of(), 100, () -> { });
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        consumer.updateEndOffsets(Map.of(PARTITION, 0L));
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(PARTITION)));
        feed.start(List.of(stream));
        await().atMost(Duration.ofSeconds(10)).until(() -> !stream.notReady());
    }

    private Runnable record(long offset) {
        return () -> consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, "key-" + offset, "{}".getBytes()));
    }

    private static FetchRequest request() {
        LinkedMultiValueMap<String, String> query = new LinkedMultiValueMap<>();
        query.add("name", "held");
        query.add("version", "1");
        return FetchRequest.parse("binary", Mode.ACTIVE, query, new ConsumeProperties(), Set.of("held"));
    }

    /** A consumer whose commits wait for {@link #release}; polls that find nothing wait a little instead of spinning. */
    private static final class HeldCommits extends MockConsumer<String, byte[]> {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        /** Every commit of a record fails instead of waiting. */
        volatile boolean failing;

        HeldCommits() {
            super("earliest");
        }

        @Override
        public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            if (offsets.values().stream().anyMatch(o -> o.offset() > 0)) {
                entered.countDown();
                if (failing) {
                    throw new RebalanceInProgressException("held back by the test");
                }
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            super.commitSync(offsets);
        }

        @Override
        public Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> times) {
            return Map.of(); // nothing published yet: reading starts at the end
        }

        @Override
        public ConsumerRecords<String, byte[]> poll(Duration timeout) {
            ConsumerRecords<String, byte[]> records = super.poll(timeout);
            if (records.isEmpty()) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return records;
        }
    }
}
