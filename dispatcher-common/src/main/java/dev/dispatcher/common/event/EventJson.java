package dev.dispatcher.common.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON encoding of events, and the one configured {@link JsonMapper} for them.
 *
 * <p>Mapper settings, each for a wire-compatibility reason:
 * <ul>
 *   <li>null values are never written, neither as properties nor as map values: Azul's Python
 *       client rejects {@code null} in many fields, and absent must stay absent;</li>
 *   <li>unknown properties do not fail: every record captures them and writes them back;</li>
 *   <li>floats in untyped places (unknown properties, {@code info}, retrohunt entities) read as
 *       {@link java.math.BigDecimal}, so a pass-through event keeps its numbers digit for digit;</li>
 *   <li>dates, if any typed one ever appears, are written as ISO-8601 strings (event timestamps
 *       themselves are kept as the producer's strings).</li>
 * </ul>
 * And, for speed only, {@link RecordConstructors} calls the event records' constructors.
 * The mapper is immutable and thread-safe; share it.
 */
public final class EventJson implements EventCodec {

    /** Media type of JSON events. */
    public static final String MEDIA_TYPE = "application/json";

    private static final JsonMapper MAPPER = configure(JsonMapper.builder()).build();

    /** The shared, configured mapper. */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    /**
     * Applies the event settings to a builder, e.g. from a Spring {@code JsonMapperBuilderCustomizer}
     * so the HTTP layer writes events exactly as Kafka does.
     */
    public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
        return settings(builder).addModule(RecordConstructors.module());
    }

    /** The settings above, without {@link RecordConstructors}: what Jackson alone makes of events. */
    static JsonMapper.Builder settings(JsonMapper.Builder builder) {
        return builder
                .changeDefaultPropertyInclusion(inclusion ->
                        JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    @Override
    public String mediaType() {
        return MEDIA_TYPE;
    }

    @Override
    public Event read(byte[] json, EventModel model) {
        Objects.requireNonNull(model, "model");
        try {
            return MAPPER.readValue(json, model.eventType());
        } catch (JacksonException e) {
            throw formatException(e, model);
        }
    }

    /** Reads one event of {@code model} from a JSON string. */
    public Event read(String json, EventModel model) {
        Objects.requireNonNull(model, "model");
        try {
            return MAPPER.readValue(json, model.eventType());
        } catch (JacksonException e) {
            throw formatException(e, model);
        }
    }

    /**
     * Reads one event of {@code model} from an already parsed tree, e.g. one element of a published
     * array after {@link EventModel#infer} looked at it.
     */
    public Event read(JsonNode json, EventModel model) {
        Objects.requireNonNull(model, "model");
        try {
            return MAPPER.treeToValue(json, model.eventType());
        } catch (JacksonException e) {
            throw formatException(e, model);
        }
    }

    /**
     * Parses bytes into a tree with the event settings (a publish body may be one event or an array).
     *
     * @throws EventFormatException when the bytes are not JSON
     */
    public JsonNode readTree(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new EventFormatException("not valid JSON: " + e.getOriginalMessage(), "", e);
        }
    }

    @Override
    public byte[] write(Event event) {
        return MAPPER.writeValueAsBytes(event);
    }

    /** Writes one event as a JSON string. */
    public String writeString(Event event) {
        return MAPPER.writeValueAsString(event);
    }

    private static EventFormatException formatException(JacksonException e, EventModel model) {
        String field = path(e);
        String where = field.isEmpty() ? "" : " at " + field;
        return new EventFormatException(
                "cannot read a " + model.wireName() + " event" + where + ": " + e.getOriginalMessage(), field, e);
    }

    /** Jackson's reference chain as {@code source.path[1].sha256}. */
    private static String path(JacksonException e) {
        var path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
