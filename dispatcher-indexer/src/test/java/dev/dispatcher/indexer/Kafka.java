package dev.dispatcher.indexer;

import dev.dispatcher.common.testing.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Test helpers on the shared broker: write messages and read a whole topic back. */
final class Kafka {

    private Kafka() {
    }

    static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", KafkaBroker.bootstrapServers(), "acks", "all",
                "linger.ms", 5), new ByteArraySerializer(), new ByteArraySerializer());
    }

    static void send(KafkaProducer<byte[], byte[]> producer, String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                    value.getBytes(StandardCharsets.UTF_8))).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not write to " + topic, e);
        }
    }

    /** Every record of a topic so far (reads until a poll brings nothing new). */
    static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", KafkaBroker.bootstrapServers(), "group.id", "reader-" + UUID.randomUUID(),
                "auto.offset.reset", "earliest", "enable.auto.commit", false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            int empty = 0;
            while (System.nanoTime() < deadline && (all.isEmpty() ? empty < 20 : empty < 3)) {
                var records = consumer.poll(Duration.ofMillis(250));
                if (records.isEmpty()) {
                    empty++;
                }
                records.forEach(all::add);
            }
            return all;
        }
    }

    static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
