package dev.dispatcher.common.event;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * What to delete and why; the member matching the event's action names the target.
 *
 * @param reason     why; required
 * @param submission target of a {@code submission} delete
 * @param link       target of a {@code link} delete
 * @param author     target of an {@code author} delete
 * @param ids        target of an {@code ids} delete
 * @param unknown    properties this model does not know, passed on unchanged
 */
@JsonInclude(value = JsonInclude.Include.NON_NULL, content = JsonInclude.Include.NON_NULL)
public record DeleteEntity(
        String reason,
        Submission submission,
        Link link,
        AuthorTarget author,
        Ids ids,
        @JsonAnySetter @JsonAnyGetter @JsonProperty(Components.UNKNOWN) Map<String, Object> unknown) {

    public DeleteEntity {
        unknown = Components.unknown(unknown);
    }

    /**
     * Everything of one submission.
     *
     * @param trackSourceReferences the submission's {@code track_source_references}; required
     * @param timestamp             only events up to this time, when given
     * @param unknown               properties this model does not know, passed on unchanged
     */
    @JsonInclude(value = JsonInclude.Include.NON_NULL, content = JsonInclude.Include.NON_NULL)
    public record Submission(
            @JsonProperty("track_source_references") String trackSourceReferences,
            String timestamp,
            @JsonAnySetter @JsonAnyGetter @JsonProperty(Components.UNKNOWN) Map<String, Object> unknown) {

        public Submission {
            unknown = Components.unknown(unknown);
        }
    }

    /**
     * One parent/child link.
     *
     * @param trackLink the link's {@code track_link}; required
     * @param unknown   properties this model does not know, passed on unchanged
     */
    @JsonInclude(value = JsonInclude.Include.NON_NULL, content = JsonInclude.Include.NON_NULL)
    public record Link(
            @JsonProperty("track_link") String trackLink,
            @JsonAnySetter @JsonAnyGetter @JsonProperty(Components.UNKNOWN) Map<String, Object> unknown) {

        public Link {
            unknown = Components.unknown(unknown);
        }
    }

    /**
     * Everything one author (plugin name and version) produced up to a time.
     *
     * @param trackAuthor the author's {@code track_author}; required
     * @param timestamp   up to when; required
     * @param unknown     properties this model does not know, passed on unchanged
     */
    @JsonInclude(value = JsonInclude.Include.NON_NULL, content = JsonInclude.Include.NON_NULL)
    public record AuthorTarget(
            @JsonProperty("track_author") String trackAuthor,
            String timestamp,
            @JsonAnySetter @JsonAnyGetter @JsonProperty(Components.UNKNOWN) Map<String, Object> unknown) {

        public AuthorTarget {
            unknown = Components.unknown(unknown);
        }
    }

    /**
     * Documents by id.
     *
     * @param ids     the ids; at least one
     * @param unknown properties this model does not know, passed on unchanged
     */
    @JsonInclude(value = JsonInclude.Include.NON_NULL, content = JsonInclude.Include.NON_NULL)
    public record Ids(
            List<String> ids,
            @JsonAnySetter @JsonAnyGetter @JsonProperty(Components.UNKNOWN) Map<String, Object> unknown) {

        public Ids {
            ids = Components.list(ids);
            unknown = Components.unknown(unknown);
        }
    }
}
