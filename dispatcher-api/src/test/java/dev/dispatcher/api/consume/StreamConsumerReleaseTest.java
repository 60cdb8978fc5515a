package dev.dispatcher.api.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * A closed {@link StreamConsumer} lets go of its Kafka consumer. A closed {@code KafkaConsumer} keeps every
 * metric it registered, and a historic consumer that finished its history stays in its plugin's feed: held
 * on to, each one cost a replica about 100 KB for as long as its plugin fetched there (docs/benchmarks.md).
 */
class StreamConsumerReleaseTest {

    private static final String TOPIC = "unit.binary.release.sourced";

    @Test
    void aClosedStreamConsumerNoLongerHoldsItsKafkaConsumer() {
        PluginFeed feed = new PluginFeed("release");
        WeakReference<MockConsumer<String, byte[]>> kafka = startOn(feed);
        StreamConsumer stream = feed.consumers().getFirst();
        await().atMost(Duration.ofSeconds(10)).until(() -> !stream.notReady());

        stream.beginClose();
        stream.awaitClosed(Duration.ofSeconds(10));
        assertThat(stream.open()).isFalse();

        // The feed still holds the stream consumer, as it holds a finished historic one.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            System.gc();
            return kafka.get() == null;
        });
        assertThat(feed.consumers()).containsExactly(stream);
    }

    /** Starts a stream consumer on a mock Kafka consumer that nothing else here keeps a strong reference to. */
    private static WeakReference<MockConsumer<String, byte[]>> startOn(PluginFeed feed) {
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        MockConsumer<String, byte[]> kafka = new MockConsumer<>("earliest") {
            @Override
            public Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> times) {
                return Map.of(); // nothing published yet: reading starts at the end
            }
        };
        kafka.updateBeginningOffsets(Map.of(partition, 0L));
        kafka.updateEndOffsets(Map.of(partition, 0L));
        kafka.schedulePollTask(() -> kafka.rebalance(List.of(partition)));
        StreamConsumer stream = new StreamConsumer(
                new Subscription("unit.release.live", null, "release", Stream.LIVE, List.of(TOPIC), null, null),
                kafka, feed, group -> Map.of(), 100, () -> { });
        feed.start(List.of(stream));
        return new WeakReference<>(kafka);
    }
}
