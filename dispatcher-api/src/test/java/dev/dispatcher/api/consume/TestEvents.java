package dev.dispatcher.api.consume;

import dev.dispatcher.common.event.EventJson;
import dev.dispatcher.common.testing.KafkaBroker;
import dev.dispatcher.common.topic.TopicLayout;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Binary events for consume tests, written straight to their topics as the publish path would. */
final class TestEvents {

    private static final KafkaProducer<String, byte[]> PRODUCER = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
            ProducerConfig.ACKS_CONFIG, "all"));

    private static final Duration ACK_TIMEOUT = Duration.ofMinutes(2);

    private TestEvents() {
    }

    /** A valid binary event; {@code name} makes its sha256. */
    static ObjectNode binary(String source, String action, String name) {
        return binary(source, action, name, 1000, "executable/windows/pe32");
    }

    /** A valid binary event whose content stream has this size and file format. */
    static ObjectNode binary(String source, String action, String name, long size, String format) {
        ObjectNode event = EventJson.mapper().createObjectNode();
        String sha = sha256(name);
        event.put("model_version", 6);
        event.put("kafka_key", sha.substring(0, 32));
        event.put("timestamp", "2026-11-22T04:06:54.113072+00:00");
        event.putObject("author").put("name", "ingestor").put("version", "1");
        event.put("action", action);
        ObjectNode src = event.putObject("source");
        src.put("name", source);
        src.put("timestamp", "2026-11-22T04:00:00+00:00");
        src.putArray("path").addObject().put("action", action).put("sha256", sha)
                .put("timestamp", "2026-11-22T04:06:54+00:00").putObject("author").put("name", "ingestor");
        ObjectNode entity = event.putObject("entity");
        entity.put("sha256", sha);
        entity.put("size", 1000);
        ArrayNode streams = entity.putArray("datastreams");
        if (!action.equals("mapped") && !action.equals("enriched")) {
            streams.addObject().put("label", "content").put("sha256", sha).put("size", size)
                    .put("file_format", format);
        }
        return event;
    }

    static String sha256(String name) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes every event to its topic, then waits for all the broker's acks. */
    static void sendAll(TopicLayout layout, List<ObjectNode> events) {
        List<Future<RecordMetadata>> acks = events.stream().map(e -> PRODUCER.send(record(layout, e))).toList();
        // One bound for the whole batch, as long as the producer's own delivery timeout: on a loaded
        // 2-core CI machine the in-JVM broker has been seen to take over 30 s for a first ack.
        long deadline = System.nanoTime() + ACK_TIMEOUT.toNanos();
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes to the event's binary topic (or {@code system.expedite}) and waits for the broker's ack. */
    static void send(TopicLayout layout, ObjectNode event) {
        sendAll(layout, List.of(event));
    }

    private static ProducerRecord<String, byte[]> record(TopicLayout layout, ObjectNode event) {
        boolean expedite = event.path("flags").path("expedite").asBoolean(false);
        String topic = expedite ? layout.name(TopicLayout.EXPEDITE)
                : layout.binary(event.path("source").path("name").asString(), event.path("action").asString());
        return new ProducerRecord<>(topic, event.path("kafka_key").asString(), EventJson.mapper().writeValueAsBytes(event));
    }
}
