package dev.dispatcher.api.publish;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.dispatcher.common.event.EventJson;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Valid events of the models the publish tests send, as JSON trees to tweak. Every event carries a
 * marker (in {@code source.references.marker}, or the plugin's name) so a test finds its own records
 * on topics other tests write to as well.
 */
final class TestEvents {

    static final String TIMESTAMP = "2026-11-22T04:06:54.113072+00:00";
    static final String SOURCE_TIMESTAMP = "2026-11-22T14:00:01.5+11:00";
    static final String PLUGIN = "publish-test";

    private TestEvents() {
    }

    /** A marker no other test uses. */
    static String marker() {
        return "m" + UUID.randomUUID().toString().replace("-", "");
    }

    /** 64 lowercase hex: the SHA-256 of {@code seed}. */
    static String sha256(String seed) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(seed.getBytes(UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A valid binary event of {@code source}: {@code sourced} has one path node, every other action
     * two (the submitted file, then this one); streams as the action requires.
     */
    static ObjectNode binary(String source, String action, String marker) {
        ObjectNode event = envelope(PLUGIN);
        ObjectNode src = event.putObject("source");
        src.put("name", source);
        src.putObject("references").put("marker", marker);
        src.put("timestamp", SOURCE_TIMESTAMP);
        ArrayNode path = src.putArray("path");
        String submitted = sha256(marker);
        path.add(node("ingestor", "sourced", submitted, "user"));
        String sha256 = submitted;
        if (!action.equals("sourced")) {
            sha256 = sha256(marker + "/" + action);
            path.add(node(PLUGIN, action, sha256, "plugin"));
        }
        ObjectNode entity = event.putObject("entity");
        entity.put("sha256", sha256);
        entity.put("size", 1024);
        entity.put("file_format", "executable/windows/pe32");
        ArrayNode streams = entity.putArray("datastreams");
        switch (action) {
            case "sourced", "extracted" -> streams.add(stream(sha256, "content"));
            case "augmented" -> {
                streams.add(stream(sha256, "content"));
                streams.add(stream(sha256(marker + "/text"), "text"));
            }
            default -> entity.remove("datastreams");
        }
        event.put("action", action);
        return event;
    }

    /** A status of {@code plugin} on the task {@code input} (given {@code dequeued}), with {@code results}. */
    static ObjectNode status(ObjectNode input, String status, ObjectNode... results) {
        ObjectNode event = envelope(PLUGIN);
        ObjectNode entity = event.putObject("entity");
        ObjectNode task = input.deepCopy();
        task.put("dequeued", sha256(input.toString()).substring(0, 32) + "." + PLUGIN + ".1.0.1795320414.a1-0f1e2d3c");
        task.remove("entity");
        task.putObject("entity").put("sha256", input.path("entity").path("sha256").asString());
        entity.set("input", task);
        entity.put("status", status);
        entity.put("runtime", 1.25);
        if (results.length > 0) {
            ArrayNode list = entity.putArray("results");
            for (ObjectNode result : results) {
                list.add(result);
            }
        }
        return event;
    }

    /** A plugin registration; its name is the marker. */
    static ObjectNode plugin(String marker) {
        ObjectNode event = envelope(marker);
        ObjectNode entity = event.putObject("entity");
        entity.put("name", marker);
        entity.put("version", "1.0");
        entity.put("category", "plugin");
        entity.putArray("features").addObject()
                .put("name", "filename").put("desc", "Name of an extracted member").put("type", "filepath");
        return event;
    }

    /** A JSON array of {@code events}. */
    static String array(JsonNode... events) {
        ArrayNode array = EventJson.mapper().createArrayNode();
        for (JsonNode event : events) {
            array.add(event);
        }
        return array.toString();
    }

    private static ObjectNode envelope(String author) {
        ObjectNode event = EventJson.mapper().createObjectNode();
        event.put("model_version", 6);
        event.put("timestamp", TIMESTAMP);
        event.putObject("author").put("name", author).put("version", "1.0").put("category", "plugin");
        return event;
    }

    private static ObjectNode node(String author, String action, String sha256, String category) {
        ObjectNode node = EventJson.mapper().createObjectNode();
        node.putObject("author").put("name", author).put("version", "1.0").put("category", category);
        node.put("action", action);
        node.put("sha256", sha256);
        node.put("timestamp", TIMESTAMP);
        node.put("file_format", "executable/windows/pe32");
        return node;
    }

    private static ObjectNode stream(String sha256, String label) {
        ObjectNode stream = EventJson.mapper().createObjectNode();
        stream.put("sha256", sha256);
        stream.put("size", 1024);
        stream.put("label", label);
        return stream;
    }
}
