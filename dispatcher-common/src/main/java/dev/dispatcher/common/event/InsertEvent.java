package dev.dispatcher.common.event;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A child linked to a parent outside the normal plugin flow ({@code insert} model).
 *
 * @param modelVersion {@code model_version}
 * @param kafkaKey     {@code kafka_key}, set by the server
 * @param timestamp    when the event was produced
 * @param author       who produced the event
 * @param entity       the link
 * @param trackLink    tracking id of the link, set by the server ({@link TrackingFields})
 * @param trackAuthor  tracking id of the link's author, set by the server
 * @param unknown      properties this model does not know, passed on unchanged
 */
@JsonInclude(value = JsonInclude.Include.NON_NULL, content = JsonInclude.Include.NON_NULL)
public record InsertEvent(
        @JsonProperty("model_version") Integer modelVersion,
        @JsonProperty("kafka_key") String kafkaKey,
        String timestamp,
        Author author,
        InsertEntity entity,
        @JsonProperty("track_link") String trackLink,
        @JsonProperty("track_author") String trackAuthor,
        @JsonAnySetter @JsonAnyGetter @JsonProperty(Components.UNKNOWN) Map<String, Object> unknown)
        implements Event {

    public InsertEvent {
        unknown = Components.unknown(unknown);
    }

    @Override
    public EventModel model() {
        return EventModel.INSERT;
    }

    @Override
    public InsertEvent withKafkaKey(String kafkaKey) {
        return new InsertEvent(modelVersion, kafkaKey, timestamp, author, entity, trackLink, trackAuthor, unknown);
    }

    @Override
    public InsertEvent withModelVersion(Integer modelVersion) {
        return new InsertEvent(modelVersion, kafkaKey, timestamp, author, entity, trackLink, trackAuthor, unknown);
    }

    /** A copy carrying the two server-computed tracking fields. */
    public InsertEvent withTracking(String trackLink, String trackAuthor) {
        return new InsertEvent(modelVersion, kafkaKey, timestamp, author, entity, trackLink, trackAuthor, unknown);
    }
}
