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
 * A request for, or the outcome of, fetching a file from an external service ({@code download} model).
 *
 * @param modelVersion {@code model_version}
 * @param kafkaKey     {@code kafka_key}, set by the server (random for this model)
 * @param timestamp    when the event was produced
 * @param author       who produced the event
 * @param source       the submission the download belongs to; {@code name} required
 * @param action       an {@link Action} wire name (kept as sent, checked by the validator)
 * @param entity       the file to fetch
 * @param unknown      properties this model does not know, passed on unchanged
 */
@JsonInclude(value = JsonInclude.Include.NON_NULL, content = JsonInclude.Include.NON_NULL)
public record DownloadEvent(
        @JsonProperty("model_version") Integer modelVersion,
        @JsonProperty("kafka_key") String kafkaKey,
        String timestamp,
        Author author,
        Source source,
        String action,
        DownloadEntity entity,
        @JsonAnySetter @JsonAnyGetter @JsonProperty(Components.UNKNOWN) Map<String, Object> unknown)
        implements Event {

    public DownloadEvent {
        unknown = Components.unknown(unknown);
    }

    @Override
    public EventModel model() {
        return EventModel.DOWNLOAD;
    }

    @Override
    public DownloadEvent withKafkaKey(String kafkaKey) {
        return new DownloadEvent(modelVersion, kafkaKey, timestamp, author, source, action, entity, unknown);
    }

    @Override
    public DownloadEvent withModelVersion(Integer modelVersion) {
        return new DownloadEvent(modelVersion, kafkaKey, timestamp, author, source, action, entity, unknown);
    }

    /** Where a download stands. */
    public enum Action {
        REQUESTED("requested"),
        SUCCESS("success"),
        FAILED("failed"),
        FAILED_NOT_FOUND("failed-not-found"),
        SKIPPED_ALREADY_PRESENT("skipped-already-present");

        private static final Map<String, Action> BY_WIRE_NAME = Arrays.stream(values())
                .collect(Collectors.toUnmodifiableMap(Action::wireName, Function.identity()));

        private final String wireName;

        Action(String wireName) {
            this.wireName = wireName;
        }

        /** The JSON spelling, e.g. {@code failed-not-found}. */
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
