package dev.dispatcher.common.event;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Test events under {@code src/test/resources/events/}, and small edits of their JSON trees. */
final class Fixtures {

    private Fixtures() {
    }

    /** The raw bytes of {@code events/<path>}. */
    static byte[] bytes(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/events/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource events/" + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh, mutable tree of {@code events/<path>}. */
    static ObjectNode tree(String path) {
        return (ObjectNode) EventJson.mapper().readTree(bytes(path));
    }

    /** The valid example event of {@code model} ({@code events/valid/<model>.json}). */
    static ObjectNode valid(EventModel model) {
        return tree("valid/" + model.wireName() + ".json");
    }

    static JsonNode json(String text) {
        return EventJson.mapper().readTree(text);
    }

    /** Sets {@code path} (e.g. {@code source.path[1].sha256}) to the JSON value {@code json}. */
    static UnaryOperator<ObjectNode> set(String path, String json) {
        return root -> {
            Step last = locate(root, path);
            if (last.index() >= 0) {
                ((ArrayNode) last.parent()).set(last.index(), json(json));
            } else {
                ((ObjectNode) last.parent()).set(last.name(), json(json));
            }
            return root;
        };
    }

    /** Removes {@code path}. */
    static UnaryOperator<ObjectNode> remove(String path) {
        return root -> {
            Step last = locate(root, path);
            if (last.index() >= 0) {
                ((ArrayNode) last.parent()).remove(last.index());
            } else {
                ((ObjectNode) last.parent()).remove(last.name());
            }
            return root;
        };
    }

    /** Applies {@code edits} in order. */
    @SafeVarargs
    static UnaryOperator<ObjectNode> edits(UnaryOperator<ObjectNode>... edits) {
        return root -> {
            for (UnaryOperator<ObjectNode> edit : edits) {
                edit.apply(root);
            }
            return root;
        };
    }

    /** The container holding the last segment of {@code path}, and that segment. */
    private record Step(JsonNode parent, String name, int index) {
    }

    private static Step locate(ObjectNode root, String path) {
        List<Object> segments = segments(path);
        JsonNode node = root;
        for (int i = 0; i < segments.size() - 1; i++) {
            node = segments.get(i) instanceof Integer index ? node.get(index) : node.get((String) segments.get(i));
            if (node == null) {
                throw new IllegalArgumentException("no " + segments.subList(0, i + 1) + " in " + path);
            }
        }
        Object last = segments.getLast();
        return last instanceof Integer index ? new Step(node, null, index) : new Step(node, (String) last, -1);
    }

    private static List<Object> segments(String path) {
        var segments = new ArrayList<Object>();
        for (String part : path.split("\\.")) {
            int bracket = part.indexOf('[');
            segments.add(bracket < 0 ? part : part.substring(0, bracket));
            while (bracket >= 0) {
                int close = part.indexOf(']', bracket);
                segments.add(Integer.parseInt(part.substring(bracket + 1, close)));
                bracket = part.indexOf('[', close);
            }
        }
        return segments;
    }
}
