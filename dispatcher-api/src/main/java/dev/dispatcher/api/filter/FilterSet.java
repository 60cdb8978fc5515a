package dev.dispatcher.api.filter;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * The server-side filters of one plugin's fetch (DESIGN §5). Binary events are judged as they are,
 * status events through their {@code entity.input}; other models only by the JSONPath filter.
 *
 * @param requiresData  the event must carry a {@code content} stream
 * @param maxContentSize keep only content of at most this many bytes (null: no limit)
 * @param minContentSize keep only content of at least this many bytes (null: no limit)
 * @param allowActions  only these binary actions (empty: all)
 * @param denyActions   not these binary actions
 * @param self          drop events authored by this plugin name (null: keep them)
 * @param dataTypes     at least one stream must match one of these (empty: no filter)
 * @param sources       only these sources (empty: all)
 * @param jsonPath      a JSONPath that must match something in the event (null: none)
 */
public record FilterSet(boolean requiresData, Long maxContentSize, Long minContentSize,
                        SortedSet<String> allowActions, SortedSet<String> denyActions, String self,
                        List<DataType> dataTypes, SortedSet<String> sources, String jsonPath) {

    private static final String CONTENT = "content";
    private static final Configuration JSONPATH_CONFIG = Configuration.defaultConfiguration()
            .addOptions(Option.SUPPRESS_EXCEPTIONS, Option.ALWAYS_RETURN_LIST);

    public FilterSet {
        allowActions = new TreeSet<>(allowActions);
        denyActions = new TreeSet<>(denyActions);
        dataTypes = List.copyOf(dataTypes);
        sources = new TreeSet<>(sources);
    }

    /** A filter that keeps everything. */
    public static FilterSet none() {
        return new FilterSet(false, null, null, new TreeSet<>(), new TreeSet<>(), null, List.of(), new TreeSet<>(), null);
    }

    /**
     * Why this event is skipped, or empty when it passes.
     *
     * @param model the event's model wire name
     * @param event the event as JSON
     * @param raw   the same event as sent, read by the JSONPath filter only when one is set
     */
    public Optional<FilterReason> reject(String model, JsonNode event, byte[] raw) {
        JsonNode binary = switch (model) {
            case "binary" -> event;
            case "status" -> event.path("entity").path("input");
            default -> null;
        };
        if (binary != null) {
            Optional<FilterReason> reason = rejectBinary(binary);
            if (reason.isPresent()) {
                return reason;
            }
        }
        if (jsonPath != null) {
            List<?> found = JsonPath.using(JSONPATH_CONFIG).parse(new String(raw, StandardCharsets.UTF_8)).read(jsonPath);
            if (found == null || found.isEmpty()) {
                return Optional.of(FilterReason.JSONPATH);
            }
        }
        return Optional.empty();
    }

    private Optional<FilterReason> rejectBinary(JsonNode binary) {
        if (!sources.isEmpty() && !sources.contains(binary.path("source").path("name").asString(""))) {
            return Optional.of(FilterReason.SOURCE);
        }
        String action = binary.path("action").asString("");
        if (!allowActions.isEmpty() && !allowActions.contains(action)) {
            return Optional.of(FilterReason.EVENT_TYPE_NOT_ALLOWED);
        }
        if (denyActions.contains(action)) {
            return Optional.of(FilterReason.EVENT_TYPE_DENIED);
        }
        if (self != null && self.equals(binary.path("author").path("name").asString(null))) {
            return Optional.of(FilterReason.SELF);
        }
        JsonNode content = stream(binary, CONTENT);
        if (requiresData && content == null) {
            return Optional.of(FilterReason.REQUIRES_DATA);
        }
        if (content != null && content.path("size").isNumber()) {
            long size = content.path("size").asLong();
            if (maxContentSize != null && size > maxContentSize) {
                return Optional.of(FilterReason.MAX_CONTENT_SIZE);
            }
            if (minContentSize != null && size < minContentSize) {
                return Optional.of(FilterReason.MIN_CONTENT_SIZE);
            }
        }
        if (!dataTypes.isEmpty() && dataTypes.stream().noneMatch(type -> type.matches(binary))) {
            return Optional.of(FilterReason.DATA_TYPE);
        }
        return Optional.empty();
    }

    private static JsonNode stream(JsonNode binary, String label) {
        for (JsonNode stream : binary.path("entity").path("datastreams")) {
            if (label.equals(stream.path("label").asString(null))) {
                return stream;
            }
        }
        return null;
    }

    /** A stable text of every filter, so equal filter sets share a consumer group. */
    public String canonical() {
        return "data=" + requiresData + ";max=" + maxContentSize + ";min=" + minContentSize
                + ";allow=" + allowActions + ";deny=" + denyActions + ";self=" + self
                + ";types=" + dataTypes.stream().map(DataType::canonical).sorted().toList()
                + ";sources=" + sources + ";jsonpath=" + jsonPath;
    }

    /**
     * A stream label with file-format prefixes: {@code content,executable/windows/,document/pdf}
     * keeps events with a {@code content} stream whose {@code file_format} starts with one of the
     * prefixes; no prefix ({@code content,}) means any format.
     */
    public record DataType(String label, List<String> formatPrefixes) {

        public DataType {
            formatPrefixes = formatPrefixes.stream().filter(p -> !p.isEmpty()).distinct().sorted().toList();
        }

        boolean matches(JsonNode binary) {
            for (JsonNode stream : binary.path("entity").path("datastreams")) {
                if (label.equals(stream.path("label").asString(null))) {
                    String format = stream.path("file_format").asString("");
                    if (formatPrefixes.isEmpty() || formatPrefixes.stream().anyMatch(format::startsWith)) {
                        return true;
                    }
                }
            }
            return false;
        }

        String canonical() {
            return label + ":" + formatPrefixes;
        }
    }
}
