package dev.dispatcher.common.event;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A file sourced into the platform or derived from another one ({@code binary} model).
 *
 * @param modelVersion          {@code model_version}
 * @param kafkaKey              {@code kafka_key}, set by the server
 * @param timestamp             when the event was produced
 * @param author                who produced the event
 * @param source                where the file came from, with its derivation path
 * @param entity                the file itself, its features and streams
 * @param action                a {@link BinaryAction} wire name (kept as sent, checked by the validator)
 * @param dequeued              task id the dispatcher sets when it hands the event to a plugin
 * @param retries               how often the event was retried
 * @param flags                 delivery flags
 * @param trackSourceReferences tracking id of the submission, set by the server ({@link TrackingFields})
 * @param trackLinks            tracking ids of the parent/child links on the path, set by the server
 * @param trackAuthors          tracking ids of the path's authors, set by the server
 * @param unknown               properties this model does not know, passed on unchanged
 */
@JsonInclude(value = JsonInclude.Include.NON_NULL, content = JsonInclude.Include.NON_NULL)
public record BinaryEvent(
        @JsonProperty("model_version") Integer modelVersion,
        @JsonProperty("kafka_key") String kafkaKey,
        String timestamp,
        Author author,
        Source source,
        BinaryEntity entity,
        String action,
        String dequeued,
        Integer retries,
        Flags flags,
        @JsonProperty("track_source_references") String trackSourceReferences,
        @JsonProperty("track_links") List<String> trackLinks,
        @JsonProperty("track_authors") List<String> trackAuthors,
        @JsonAnySetter @JsonAnyGetter @JsonProperty(Components.UNKNOWN) Map<String, Object> unknown)
        implements Event {

    public BinaryEvent {
        trackLinks = Components.list(trackLinks);
        trackAuthors = Components.list(trackAuthors);
        unknown = Components.unknown(unknown);
    }

    @Override
    public EventModel model() {
        return EventModel.BINARY;
    }

    /** The action, when it is one of the five. */
    public Optional<BinaryAction> actionType() {
        return BinaryAction.fromWireName(action);
    }

    @Override
    public BinaryEvent withKafkaKey(String kafkaKey) {
        return new BinaryEvent(modelVersion, kafkaKey, timestamp, author, source, entity, action, dequeued,
                retries, flags, trackSourceReferences, trackLinks, trackAuthors, unknown);
    }

    @Override
    public BinaryEvent withModelVersion(Integer modelVersion) {
        return new BinaryEvent(modelVersion, kafkaKey, timestamp, author, source, entity, action, dequeued,
                retries, flags, trackSourceReferences, trackLinks, trackAuthors, unknown);
    }

    /** A copy carrying the task id of an active fetch. */
    public BinaryEvent withDequeued(String dequeued) {
        return new BinaryEvent(modelVersion, kafkaKey, timestamp, author, source, entity, action, dequeued,
                retries, flags, trackSourceReferences, trackLinks, trackAuthors, unknown);
    }

    /** A copy with other flags (e.g. a status result inheriting its input's expedite/bypass_cache). */
    public BinaryEvent withFlags(Flags flags) {
        return new BinaryEvent(modelVersion, kafkaKey, timestamp, author, source, entity, action, dequeued,
                retries, flags, trackSourceReferences, trackLinks, trackAuthors, unknown);
    }

    /** A copy carrying the three server-computed tracking fields. */
    public BinaryEvent withTracking(String trackSourceReferences, List<String> trackLinks, List<String> trackAuthors) {
        return new BinaryEvent(modelVersion, kafkaKey, timestamp, author, source, entity, action, dequeued,
                retries, flags, trackSourceReferences, trackLinks, trackAuthors, unknown);
    }
}
