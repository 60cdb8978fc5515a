package dev.dispatcher.api.plugin;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.dispatcher.common.event.EventJson;
import dev.dispatcher.common.testing.KafkaBroker;
import dev.dispatcher.common.topic.TopicLayout;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.node.ObjectNode;

/** Plugin registrations written straight to the plugin topic, as the publish path would, and events to simulate. */
final class TestPlugins {

    private static final KafkaProducer<String, byte[]> PRODUCER = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
            ProducerConfig.ACKS_CONFIG, "all"));

    private TestPlugins() {
    }

    /** A name no other test uses. */
    static String unique(String base) {
        return base + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * A registration as Azul's runner makes it: {@code config} holds each setting's value as a JSON
     * string, e.g. {@code "filter_self": "true"}.
     */
    static ObjectNode registration(String name, String version, Map<String, String> config) {
        ObjectNode event = EventJson.mapper().createObjectNode();
        event.put("model_version", 6);
        event.put("timestamp", "2026-11-22T04:00:00Z");
        event.putObject("author").put("name", name).put("version", version).put("category", "plugin");
        ObjectNode entity = event.putObject("entity");
        entity.put("name", name).put("version", version).put("category", "plugin").put("description", "A test plugin.");
        entity.putArray("features").addObject().put("name", "filename").put("desc", "A name").put("type", "filepath");
        ObjectNode cfg = entity.putObject("config");
        config.forEach(cfg::put);
        event.put("kafka_key", key(name, version));
        return event;
    }

    /** The server's key of a registration: MD5 of {@code <name>.<version>}. */
    static String key(String name, String version) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest((name + "." + version).getBytes(UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a registration under its key and waits for the broker's ack. */
    static void register(TopicLayout layout, ObjectNode registration) {
        send(layout, registration.path("kafka_key").asString(), EventJson.mapper().writeValueAsBytes(registration));
    }

    /** Writes any record to the plugin topic (null value: a tombstone). */
    static void send(TopicLayout layout, String key, byte[] value) {
        try {
            PRODUCER.send(new ProducerRecord<>(layout.system("plugin"), key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A valid binary event with a content stream of this size and file format. */
    static ObjectNode binary(String action, String author, long size, String format) {
        String sha = sha256(UUID.randomUUID().toString());
        ObjectNode event = EventJson.mapper().createObjectNode();
        event.put("model_version", 6);
        event.put("kafka_key", sha.substring(0, 32));
        event.put("timestamp", "2026-11-22T04:06:54.113072+00:00");
        event.putObject("author").put("name", author).put("version", "1");
        event.put("action", action);
        ObjectNode source = event.putObject("source");
        source.put("name", "testing");
        source.put("timestamp", "2026-11-22T04:00:00+00:00");
        source.putArray("path").addObject().put("action", action).put("sha256", sha)
                .put("timestamp", "2026-11-22T04:06:54+00:00").putObject("author").put("name", author);
        ObjectNode entity = event.putObject("entity");
        entity.put("sha256", sha);
        entity.put("size", size);
        entity.putArray("datastreams").addObject().put("label", "content").put("sha256", sha).put("size", size)
                .put("file_format", format);
        return event;
    }

    /** A completed status whose input is {@code input}, as a plugin posts it. */
    static ObjectNode status(ObjectNode input, String author) {
        ObjectNode event = EventJson.mapper().createObjectNode();
        event.put("model_version", 6);
        event.put("timestamp", "2026-11-22T04:07:00+00:00");
        event.putObject("author").put("name", author).put("version", "1").put("category", "plugin");
        ObjectNode entity = event.putObject("entity");
        entity.set("input", input.deepCopy().put("dequeued", "d.plugin.1.1795320414.a1-0f1e2d3c"));
        entity.put("status", "completed-empty");
        return event;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
