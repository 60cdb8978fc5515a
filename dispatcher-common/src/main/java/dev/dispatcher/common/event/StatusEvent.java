package dev.dispatcher.common.event;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A plugin's progress or outcome for one task ({@code status} model).
 *
 * @param modelVersion {@code model_version}
 * @param kafkaKey     {@code kafka_key}, set by the server
 * @param timestamp    when the event was produced
 * @param author       the plugin; its name is part of the key
 * @param entity       the task and its outcome
 * @param unknown      properties this model does not know, passed on unchanged
 */
@JsonInclude(value = JsonInclude.Include.NON_NULL, content = JsonInclude.Include.NON_NULL)
public record StatusEvent(
        @JsonProperty("model_version") Integer modelVersion,
        @JsonProperty("kafka_key") String kafkaKey,
        String timestamp,
        Author author,
        StatusEntity entity,
        @JsonAnySetter @JsonAnyGetter @JsonProperty(Components.UNKNOWN) Map<String, Object> unknown)
        implements Event {

    public StatusEvent {
        unknown = Components.unknown(unknown);
    }

    @Override
    public EventModel model() {
        return EventModel.STATUS;
    }

    @Override
    public StatusEvent withKafkaKey(String kafkaKey) {
        return new StatusEvent(modelVersion, kafkaKey, timestamp, author, entity, unknown);
    }

    @Override
    public StatusEvent withModelVersion(Integer modelVersion) {
        return new StatusEvent(modelVersion, kafkaKey, timestamp, author, entity, unknown);
    }

    /** A copy with another entity (e.g. without its results once they are published on their own). */
    public StatusEvent withEntity(StatusEntity entity) {
        return new StatusEvent(modelVersion, kafkaKey, timestamp, author, entity, unknown);
    }
}
