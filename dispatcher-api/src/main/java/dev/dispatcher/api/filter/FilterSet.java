package dev.dispatcher.api.filter;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * The server-side filters of one plugin's fetch (DESIGN §5). Binary events are judged as they are;
 * status events through their {@code entity.input}, by source, action and author only (plugins echo
 * tasks without their streams); other models only by the JSONPath filter.
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
    /** A data-type label that stands for any stream label. */
    private static final String ANY_LABEL = "*";
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
        Optional<FilterReason> reason = switch (model) {
            case "binary" -> rejectBinary(event, true);
            // Plugins echo a task without its streams: a status is judged on its input's identity only, as Azul does.
            case "status" -> rejectBinary(event.path("entity").path("input"), false);
            default -> Optional.empty();
        };
        if (reason.isPresent()) {
            return reason;
        }
        if (jsonPath != null) {
            List<?> found = JsonPath.using(JSONPATH_CONFIG).parse(new String(raw, StandardCharsets.UTF_8)).read(jsonPath);
            if (found == null || found.isEmpty()) {
                return Optional.of(FilterReason.JSONPATH);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether {@link #reject} has to read an event's body. Binary events on a source/action topic
     * were already chosen by their topic; {@code mixedTopic} (expedite, every source and action
     * together) still needs the source and action checks.
     */
    public boolean judgesBody(String model, boolean mixedTopic) {
        if (jsonPath != null) {
            return true;
        }
        boolean identity = !sources.isEmpty() || !allowActions.isEmpty() || !denyActions.isEmpty();
        return switch (model) {
            case "binary" -> requiresData || maxContentSize != null || minContentSize != null || self != null
                    || !dataTypes.isEmpty() || (mixedTopic && identity);
            case "status" -> self != null || identity;
            default -> false;
        };
    }

    private Optional<FilterReason> rejectBinary(JsonNode binary, boolean streams) {
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
        if (!streams) {
            return Optional.empty();
        }
        // As Azul's dispatcher judges streams, so that its plugins see the events they expect.
        boolean hasContent = false;
        int listedStreams = 0;
        Map<String, List<String>> labels = dataTypeLabels();
        for (JsonNode stream : binary.path("entity").path("datastreams")) {
            String label = stream.path("label").asString("");
            if (CONTENT.equals(label)) {
                hasContent = true;
                long size = stream.path("size").asLong(0);
                if (maxContentSize != null && size > maxContentSize) {
                    return Optional.of(FilterReason.MAX_CONTENT_SIZE);
                }
                if (minContentSize != null && size < minContentSize) {
                    return Optional.of(FilterReason.MIN_CONTENT_SIZE);
                }
            }
            if (!labels.isEmpty()) {
                List<String> prefixes = labels.containsKey(label) ? labels.get(label) : labels.get(ANY_LABEL);
                if (prefixes == null) {
                    return Optional.of(FilterReason.DATA_TYPE);
                }
                listedStreams++;
                String format = stream.path("file_format").asString("");
                if (!prefixes.isEmpty() && prefixes.stream().noneMatch(format::startsWith)) {
                    return Optional.of(FilterReason.FILE_FORMAT);
                }
            }
        }
        if (labels.size() > 1 && listedStreams < labels.size()) {
            return Optional.of(FilterReason.DATA_TYPE);
        }
        // A size limit only makes sense for content: like Azul, it also requires content.
        if ((requiresData || maxContentSize != null || minContentSize != null) && !hasContent) {
            return Optional.of(FilterReason.REQUIRES_DATA);
        }
        return Optional.empty();
    }

    /** Prefixes per listed label; several values for one label add up. */
    private Map<String, List<String>> dataTypeLabels() {
        Map<String, List<String>> labels = new LinkedHashMap<>();
        for (DataType type : dataTypes) {
            labels.computeIfAbsent(type.label(), l -> new ArrayList<>()).addAll(type.formatPrefixes());
        }
        return labels;
    }

    /** A stable text of every filter, so equal filter sets share a consumer group. */
    public String canonical() {
        return "data=" + requiresData + ";max=" + maxContentSize + ";min=" + minContentSize
                + ";allow=" + allowActions + ";deny=" + denyActions + ";self=" + self
                + ";types=" + dataTypes.stream().map(DataType::canonical).sorted().toList()
                + ";sources=" + sources + ";jsonpath=" + jsonPath;
    }

    /**
     * A stream label with file-format prefixes ({@code content,executable/windows/,document/pdf};
     * no prefix, {@code content,}, means any format; label {@code *} stands for any label). With
     * data types set, every stream of the event must have a listed label and a format starting with
     * one of that label's prefixes, and when several labels are listed the event needs at least as
     * many streams: Azul's rules.
     */
    public record DataType(String label, List<String> formatPrefixes) {

        public DataType {
            formatPrefixes = formatPrefixes.stream().filter(p -> !p.isEmpty()).distinct().sorted().toList();
        }

        String canonical() {
            return label + ":" + formatPrefixes;
        }
    }
}
