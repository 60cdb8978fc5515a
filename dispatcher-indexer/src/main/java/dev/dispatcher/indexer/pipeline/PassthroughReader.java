package dev.dispatcher.indexer.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Arkime-compatible messages: the value already is {@code _bulk} NDJSON, one pair ({@code bulk1}) or many
 * ({@code bulk}). Every line is checked before anything is sent: a message with a broken line is rejected whole,
 * since after a missing document no later line can be trusted to pair with its action. Lines are sent as they came.
 */
final class PassthroughReader implements MessageReader {

    private static final Set<String> ACTIONS = Set.of("index", "create", "update", "delete");

    private final JsonMapper json;

    PassthroughReader(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Read read(ConsumerRecord<byte[], byte[]> record) {
        byte[] value = record.value();
        if (value == null || value.length == 0) {
            return Read.rejected("empty message");
        }
        List<byte[]> lines = lines(value);
        if (lines.isEmpty()) {
            return Read.rejected("message holds no NDJSON line");
        }
        List<BulkItem> items = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            int number = i + 1;
            JsonNode action = parse(lines.get(i));
            if (action == null || !action.isObject() || action.size() != 1) {
                return Read.rejected("line " + number + " is not a bulk action line (one JSON object with one of "
                        + ACTIONS + ")");
            }
            String type = action.propertyNames().iterator().next();
            if (!ACTIONS.contains(type) || !action.get(type).isObject()) {
                return Read.rejected("line " + number + ": unknown bulk action '" + type + "'");
            }
            if (type.equals("delete")) {
                items.add(new BulkItem(record, lines.get(i), null));
                continue;
            }
            if (i + 1 >= lines.size()) {
                return Read.rejected("line " + number + ": '" + type + "' action without a following document");
            }
            JsonNode document = parse(lines.get(i + 1));
            if (document == null || !document.isObject()) {
                return Read.rejected("line " + (number + 1) + ": the document of the '" + type
                        + "' action on line " + number + " is not a JSON object");
            }
            items.add(new BulkItem(record, lines.get(i), lines.get(i + 1)));
            i++;
        }
        return Read.items(items);
    }

    private JsonNode parse(byte[] line) {
        try {
            return json.readTree(line);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** Non-blank lines, without their {@code \n} or {@code \r\n}. */
    static List<byte[]> lines(byte[] value) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= value.length; i++) {
            if (i == value.length || value[i] == '\n') {
                int end = i > start && value[i - 1] == '\r' ? i - 1 : i;
                if (!blank(value, start, end)) {
                    lines.add(Arrays.copyOfRange(value, start, end));
                }
                start = i + 1;
            }
        }
        return lines;
    }

    private static boolean blank(byte[] value, int start, int end) {
        for (int i = start; i < end; i++) {
            if (value[i] != ' ' && value[i] != '\t' && value[i] != '\r') {
                return false;
            }
        }
        return true;
    }
}
