package dev.dispatcher.api.publish;

import static org.awaitility.Awaitility.await;

import dev.dispatcher.common.testing.KafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads back what was written: a plain consumer assigned to every partition of a topic, from the beginning. */
final class TopicReader {

    private TopicReader() {
    }

    /** Every record of {@code topic} up to its current end. */
    static List<ConsumerRecord<String, String>> all(String topic) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            var records = new ArrayList<ConsumerRecord<String, String>>();
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end " + end + " within 15 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** The records of {@code topic} whose value mentions {@code marker}. */
    static List<ConsumerRecord<String, String>> withMarker(String topic, String marker) {
        return all(topic).stream().filter(record -> record.value() != null && record.value().contains(marker)).toList();
    }

    /** Waits (bounded) until {@code count} records of {@code topic} mention {@code marker}, and returns them. */
    static List<ConsumerRecord<String, String>> awaitRecords(String topic, String marker, int count) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> withMarker(topic, marker), records -> records.size() >= count);
    }
}
