package dev.dispatcher.common.event;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Progress of a retrospective search over stored binaries ({@code retrohunt} model).
 *
 * <p>Source and entity stay generic JSON objects: Azul itself treats them as open-ended (its model
 * allows extra fields) and the dispatcher only routes these events.
 *
 * @param modelVersion {@code model_version}
 * @param kafkaKey     {@code kafka_key}, set by the server (random for this model)
 * @param timestamp    when the event was produced
 * @param author       who produced the event
 * @param action       an {@link Action} wire name, when given (kept as sent, checked by the validator)
 * @param source       who submitted the search, as sent ({@code submitter, security, timestamp})
 * @param entity       the search and its progress, as sent ({@code id, search_type, search, status, ...})
 * @param unknown      properties this model does not know, passed on unchanged
 */
@JsonInclude(value = JsonInclude.Include.NON_NULL, content = JsonInclude.Include.NON_NULL)
public record RetrohuntEvent(
        @JsonProperty("model_version") Integer modelVersion,
        @JsonProperty("kafka_key") String kafkaKey,
        String timestamp,
        Author author,
        String action,
        Map<String, Object> source,
        Map<String, Object> entity,
        @JsonAnySetter @JsonAnyGetter @JsonProperty(Components.UNKNOWN) Map<String, Object> unknown)
        implements Event {

    public RetrohuntEvent {
        source = Components.map(source);
        entity = Components.map(entity);
        unknown = Components.unknown(unknown);
    }

    @Override
    public EventModel model() {
        return EventModel.RETROHUNT;
    }

    @Override
    public RetrohuntEvent withKafkaKey(String kafkaKey) {
        return new RetrohuntEvent(modelVersion, kafkaKey, timestamp, author, action, source, entity, unknown);
    }

    @Override
    public RetrohuntEvent withModelVersion(Integer modelVersion) {
        return new RetrohuntEvent(modelVersion, kafkaKey, timestamp, author, action, source, entity, unknown);
    }

    /** Where a retrohunt stands. */
    public enum Action {
        SUBMITTED("submitted"),
        STARTING("starting"),
        RUNNING("running"),
        COMPLETED("completed");

        private static final Map<String, Action> BY_WIRE_NAME = Arrays.stream(values())
                .collect(Collectors.toUnmodifiableMap(Action::wireName, Function.identity()));

        private final String wireName;

        Action(String wireName) {
            this.wireName = wireName;
        }

        /** The JSON spelling, e.g. {@code running}. */
        @JsonValue
        public String wireName() {
            return wireName;
        }

        /** The action spelled {@code name} on the wire; empty for anything else (including null). */
        public static Optional<Action> fromWireName(String name) {
            return Optional.ofNullable(name == null ? null : BY_WIRE_NAME.get(name));
        }
    }
}
