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
 * A request to delete a submission, a link, an author's output or documents by id ({@code delete} model).
 *
 * @param modelVersion {@code model_version}
 * @param kafkaKey     {@code kafka_key}, set by the server (random for this model)
 * @param timestamp    when the event was produced
 * @param author       who asked for the delete
 * @param action       an {@link Action} wire name (kept as sent, checked by the validator)
 * @param entity       what to delete and why
 * @param unknown      properties this model does not know, passed on unchanged
 */
@JsonInclude(value = JsonInclude.Include.NON_NULL, content = JsonInclude.Include.NON_NULL)
public record DeleteEvent(
        @JsonProperty("model_version") Integer modelVersion,
        @JsonProperty("kafka_key") String kafkaKey,
        String timestamp,
        Author author,
        String action,
        DeleteEntity entity,
        @JsonAnySetter @JsonAnyGetter @JsonProperty(Components.UNKNOWN) Map<String, Object> unknown)
        implements Event {

    public DeleteEvent {
        unknown = Components.unknown(unknown);
    }

    @Override
    public EventModel model() {
        return EventModel.DELETE;
    }

    @Override
    public DeleteEvent withKafkaKey(String kafkaKey) {
        return new DeleteEvent(modelVersion, kafkaKey, timestamp, author, action, entity, unknown);
    }

    @Override
    public DeleteEvent withModelVersion(Integer modelVersion) {
        return new DeleteEvent(modelVersion, kafkaKey, timestamp, author, action, entity, unknown);
    }

    /** Which kind of target a delete names. */
    public enum Action {
        SUBMISSION("submission"),
        LINK("link"),
        AUTHOR("author"),
        IDS("ids");

        private static final Map<String, Action> BY_WIRE_NAME = Arrays.stream(values())
                .collect(Collectors.toUnmodifiableMap(Action::wireName, Function.identity()));

        private final String wireName;

        Action(String wireName) {
            this.wireName = wireName;
        }

        /** The JSON spelling, e.g. {@code submission}. */
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
