package dev.dispatcher.common.event;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/** The seven event models, spelled on the wire (query parameters, paths) in lower case. */
public enum EventModel {
    BINARY("binary", BinaryEvent.class),
    STATUS("status", StatusEvent.class),
    PLUGIN("plugin", PluginEvent.class),
    INSERT("insert", InsertEvent.class),
    DELETE("delete", DeleteEvent.class),
    DOWNLOAD("download", DownloadEvent.class),
    RETROHUNT("retrohunt", RetrohuntEvent.class);

    private static final Map<String, EventModel> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventModel::wireName, Function.identity()));

    private final String wireName;
    private final Class<? extends Event> eventType;

    EventModel(String wireName, Class<? extends Event> eventType) {
        this.wireName = wireName;
        this.eventType = eventType;
    }

    /** The JSON spelling, e.g. {@code binary}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The record this model reads into. */
    public Class<? extends Event> eventType() {
        return eventType;
    }

    /**
     * The model named {@code name}, ignoring case and surrounding blanks; empty for anything else
     * (including null), so callers can answer with their own error listing the seven names.
     */
    public static Optional<EventModel> fromName(String name) {
        return name == null
                ? Optional.empty()
                : Optional.ofNullable(BY_WIRE_NAME.get(name.strip().toLowerCase(Locale.ROOT)));
    }

    /**
     * Infers the model of one event body that arrived without an explicit model. Rules, first match wins:
     * <ol>
     *   <li>a top-level {@code model} string naming a model: that model (some producers send it);</li>
     *   <li>{@code entity.input} is an object and {@code entity.status} a string: {@link #STATUS};</li>
     *   <li>{@code source.path} is an array and {@code action} is one of the five {@link BinaryAction}s: {@link #BINARY};</li>
     *   <li>{@code entity.parent_sha256} present: {@link #INSERT};</li>
     *   <li>{@code entity.hash} present: {@link #DOWNLOAD};</li>
     *   <li>{@code entity.reason} present: {@link #DELETE};</li>
     *   <li>{@code entity.search_type} or {@code entity.search} present, or {@code action} is one of
     *       {@code submitted, starting, running, completed}: {@link #RETROHUNT};</li>
     *   <li>{@code entity.name} and {@code entity.version} present and neither {@code entity.sha256}
     *       nor {@code entity.hash}: {@link #PLUGIN}.</li>
     * </ol>
     * The order puts the most specific shapes first: a status also holds a whole binary event under
     * {@code entity.input}, and a plugin's name+version is the weakest signal. Anything else, or a
     * body that is not a JSON object, gives empty.
     */
    public static Optional<EventModel> infer(JsonNode body) {
        if (body == null || !body.isObject()) {
            return Optional.empty();
        }
        JsonNode explicit = body.get("model");
        if (explicit != null && explicit.isString()) {
            Optional<EventModel> named = fromName(explicit.stringValue());
            if (named.isPresent()) {
                return named;
            }
        }
        JsonNode entity = body.path("entity");
        String action = body.path("action").isString() ? body.path("action").stringValue() : null;
        if (entity.path("input").isObject() && entity.path("status").isString()) {
            return Optional.of(STATUS);
        }
        if (body.path("source").path("path").isArray() && BinaryAction.fromWireName(action).isPresent()) {
            return Optional.of(BINARY);
        }
        if (present(entity, "parent_sha256")) {
            return Optional.of(INSERT);
        }
        if (present(entity, "hash")) {
            return Optional.of(DOWNLOAD);
        }
        if (present(entity, "reason")) {
            return Optional.of(DELETE);
        }
        if (present(entity, "search_type") || present(entity, "search")
                || RetrohuntEvent.Action.fromWireName(action).isPresent()) {
            return Optional.of(RETROHUNT);
        }
        if (present(entity, "name") && present(entity, "version") && !present(entity, "sha256")) {
            return Optional.of(PLUGIN);
        }
        return Optional.empty();
    }

    private static boolean present(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }
}
