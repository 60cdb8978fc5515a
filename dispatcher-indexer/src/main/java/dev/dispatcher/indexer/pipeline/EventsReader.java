package dev.dispatcher.indexer.pipeline;

import dev.dispatcher.common.topic.TopicLayout;
import dev.dispatcher.common.topic.TopicPlan;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Our events as documents: one index per model ({@code <prefix><model>}), binary events one per source
 * ({@code <prefix>binary-<source>}), {@code _id} = the event's {@code kafka_key}, so a replay overwrites instead of
 * duplicating. The event is stored as published
 * (re-serialized on one line only when it spans several).
 */
final class EventsReader implements MessageReader {

    static final String BINARY = "binary";

    private final JsonMapper json;
    private final String indexPrefix;
    /** Topic → the model of its events. */
    private final Map<String, String> models;

    EventsReader(JsonMapper json, TopicPlan plan, String indexPrefix) {
        this.json = json;
        this.indexPrefix = indexPrefix.toLowerCase(Locale.ROOT);
        this.models = topics(plan);
    }

    /** The topics of this pipeline, each with the model of its events. */
    static Map<String, String> topics(TopicPlan plan) {
        TopicLayout layout = plan.layout();
        Map<String, String> models = new LinkedHashMap<>();
        for (String model : TopicLayout.SYSTEM_MODELS) {
            models.put(layout.system(model), model);
        }
        models.put(layout.name(TopicLayout.EXPEDITE), BINARY);
        models.put(layout.name(TopicLayout.ERROR), BINARY);
        for (String source : plan.sources()) {
            for (String action : TopicLayout.BINARY_ACTIONS) {
                models.put(layout.binary(source, action), BINARY);
            }
        }
        return models;
    }

    List<String> subscription() {
        return List.copyOf(models.keySet());
    }

    @Override
    public Read read(ConsumerRecord<byte[], byte[]> record) {
        String model = models.get(record.topic());
        if (model == null) {
            return Read.rejected("topic " + record.topic() + " is not an events topic");
        }
        JsonNode event;
        try {
            event = record.value() == null ? null : json.readTree(record.value());
        } catch (JacksonException e) {
            return Read.rejected("not JSON: " + e.getOriginalMessage());
        }
        if (event == null || !event.isObject()) {
            return Read.rejected("not a JSON object");
        }
        String id = record.key() != null && record.key().length > 0
                ? new String(record.key(), StandardCharsets.UTF_8)
                : event.path("kafka_key").asString("");
        if (id.isBlank()) {
            return Read.rejected("no kafka_key: neither the message key nor the event's kafka_key field is set");
        }
        String index = indexPrefix + model;
        if (model.equals(BINARY)) {
            String source = event.path("source").path("name").asString("");
            if (!TopicLayout.isValidSourceName(source)) {
                return Read.rejected("source.name '" + source + "' cannot name an index (letters, digits, '_', '-')");
            }
            index = index + "-" + source.toLowerCase(Locale.ROOT);
        }
        ObjectNode action = json.createObjectNode();
        action.putObject("index").put("_index", index).put("_id", id);
        // NDJSON wants the document on one line: a pretty-printed event is written again, compact.
        byte[] document = oneLine(record.value()) ? record.value() : json.writeValueAsBytes(event);
        return Read.items(List.of(new BulkItem(record, json.writeValueAsBytes(action), document)));
    }

    private static boolean oneLine(byte[] value) {
        for (byte b : value) {
            if (b == '\n' || b == '\r') {
                return false;
            }
        }
        return true;
    }
}
