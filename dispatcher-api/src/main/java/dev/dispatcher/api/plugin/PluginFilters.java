package dev.dispatcher.api.plugin;

import dev.dispatcher.api.filter.FilterSet;
import dev.dispatcher.common.event.BinaryAction;
import dev.dispatcher.common.event.EventJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

/**
 * Reads the event filters a plugin registered with out of its {@code entity.config}.
 *
 * <p>Azul's plugin runner registers every setting of the plugin, each value encoded as a JSON
 * string ({@code json.dumps}), and derives its fetch parameters from the same settings. This class
 * makes the {@link FilterSet} that fetch would get:
 * <ul>
 *   <li>{@code filter_max_content_size} ({@code "209715200"}) → max content size; {@code 0} means no limit;</li>
 *   <li>{@code filter_min_content_size} → min content size; {@code 0} means no limit;</li>
 *   <li>{@code filter_allow_event_types} ({@code "[\"sourced\", \"extracted\"]"}) → allowed actions;</li>
 *   <li>{@code filter_self} ({@code "true"}) → drop events authored by the plugin itself;</li>
 *   <li>{@code filter_data_types} ({@code "{\"content\": [\"executable/windows/\"]}"}) → one data type
 *       per label with its file-format prefixes.</li>
 * </ul>
 * A setting that is absent, or whose value cannot be read as documented, means no such filter: a
 * registration never stops the registry from answering. Values that are not strings are taken as
 * already decoded.
 */
final class PluginFilters {

    static final String MAX_CONTENT_SIZE = "filter_max_content_size";
    static final String MIN_CONTENT_SIZE = "filter_min_content_size";
    static final String ALLOW_EVENT_TYPES = "filter_allow_event_types";
    static final String SELF = "filter_self";
    static final String DATA_TYPES = "filter_data_types";

    private static final Logger log = LoggerFactory.getLogger(PluginFilters.class);

    private PluginFilters() {
    }

    /** The filters of plugin {@code name} configured by {@code config} (an object; anything else gives no filters). */
    static FilterSet from(String name, JsonNode config) {
        Reader r = new Reader(name, config == null || !config.isObject() ? null : config);
        return new FilterSet(false, r.size(MAX_CONTENT_SIZE), r.size(MIN_CONTENT_SIZE), r.actions(ALLOW_EVENT_TYPES),
                new TreeSet<>(), r.flag(SELF) ? name : null, r.dataTypes(DATA_TYPES), new TreeSet<>(), null);
    }

    /** One registration's config, decoded setting by setting. */
    private record Reader(String plugin, JsonNode config) {

        /** The decoded value of a setting, or null when absent. */
        JsonNode value(String key) {
            JsonNode raw = config == null ? null : config.get(key);
            if (raw == null || raw.isNull() || raw.isMissingNode()) {
                return null;
            }
            if (!raw.isString()) {
                return raw;
            }
            try {
                JsonNode decoded = EventJson.mapper().readTree(raw.stringValue());
                return decoded == null || decoded.isMissingNode() ? null : decoded;
            } catch (JacksonException e) {
                return StringNode.valueOf(raw.stringValue()); // a bare word, e.g. true written without quotes
            }
        }

        /** A whole number of bytes above 0, or null (0 is the runner's "no restriction"). */
        Long size(String key) {
            JsonNode value = value(key);
            if (value == null) {
                return null;
            }
            if (value.isIntegralNumber() && value.canConvertToLong() && value.longValue() >= 0) {
                return value.longValue() == 0 ? null : value.longValue();
            }
            return ignored(key, value, "a whole number of bytes");
        }

        boolean flag(String key) {
            JsonNode value = value(key);
            if (value == null) {
                return false;
            }
            if (value.isBoolean()) {
                return value.booleanValue();
            }
            if (value.isString() && (value.stringValue().equalsIgnoreCase("true") || value.stringValue().equalsIgnoreCase("false"))) {
                return Boolean.parseBoolean(value.stringValue());
            }
            ignored(key, value, "true or false");
            return false;
        }

        /** Known binary actions only; an unknown one is left out (the fetch would have refused it). */
        SortedSet<String> actions(String key) {
            SortedSet<String> actions = new TreeSet<>();
            JsonNode value = value(key);
            if (value == null) {
                return actions;
            }
            List<String> listed = new ArrayList<>();
            if (value.isArray()) {
                for (JsonNode item : value) {
                    if (item.isString()) {
                        listed.add(item.stringValue().strip());
                    }
                }
            } else if (value.isString()) {
                for (String item : value.stringValue().split(",")) {
                    listed.add(item.strip());
                }
            } else {
                ignored(key, value, "a list of event types");
                return actions;
            }
            for (String action : listed) {
                if (BinaryAction.fromWireName(action).isPresent()) {
                    actions.add(action);
                } else if (!action.isEmpty()) {
                    log.warn("Plugin {}: {} names unknown event type '{}'; left out", plugin, key, action);
                }
            }
            return actions;
        }

        /** {@code {label: [format prefix, ...]}}: an empty list means any format. */
        List<FilterSet.DataType> dataTypes(String key) {
            List<FilterSet.DataType> types = new ArrayList<>();
            JsonNode value = value(key);
            if (value == null) {
                return types;
            }
            if (!value.isObject()) {
                ignored(key, value, "a mapping of stream label to file-format prefixes");
                return types;
            }
            for (Map.Entry<String, JsonNode> entry : value.properties()) {
                List<String> prefixes = new ArrayList<>();
                JsonNode formats = entry.getValue();
                if (formats.isArray()) {
                    for (JsonNode format : formats) {
                        if (format.isString()) {
                            prefixes.add(format.stringValue().strip());
                        }
                    }
                } else if (formats.isString()) {
                    prefixes.add(formats.stringValue().strip());
                }
                types.add(new FilterSet.DataType(entry.getKey(), prefixes));
            }
            return types;
        }

        private <T> T ignored(String key, JsonNode value, String expected) {
            log.warn("Plugin {}: {} is {} rather than {}; no such filter", plugin, key, value, expected);
            return null;
        }
    }
}
