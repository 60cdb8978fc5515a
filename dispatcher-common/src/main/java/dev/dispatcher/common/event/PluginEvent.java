package dev.dispatcher.common.event;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A plugin announcing itself ({@code plugin} model).
 *
 * @param modelVersion {@code model_version}
 * @param kafkaKey     {@code kafka_key}, set by the server
 * @param timestamp    when the event was produced
 * @param author       who produced the event (usually the plugin itself)
 * @param entity       the registration
 * @param unknown      properties this model does not know, passed on unchanged
 */
@JsonInclude(value = JsonInclude.Include.NON_NULL, content = JsonInclude.Include.NON_NULL)
public record PluginEvent(
        @JsonProperty("model_version") Integer modelVersion,
        @JsonProperty("kafka_key") String kafkaKey,
        String timestamp,
        Author author,
        PluginEntity entity,
        @JsonAnySetter @JsonAnyGetter @JsonProperty(Components.UNKNOWN) Map<String, Object> unknown)
        implements Event {

    public PluginEvent {
        unknown = Components.unknown(unknown);
    }

    @Override
    public EventModel model() {
        return EventModel.PLUGIN;
    }

    @Override
    public PluginEvent withKafkaKey(String kafkaKey) {
        return new PluginEvent(modelVersion, kafkaKey, timestamp, author, entity, unknown);
    }

    @Override
    public PluginEvent withModelVersion(Integer modelVersion) {
        return new PluginEvent(modelVersion, kafkaKey, timestamp, author, entity, unknown);
    }
}
