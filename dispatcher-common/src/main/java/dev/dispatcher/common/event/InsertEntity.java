package dev.dispatcher.common.event;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A parent/child link added after the fact (e.g. a user attaching a file to another).
 *
 * @param originalSource name of the source the parent was submitted to; required
 * @param parentSha256   the parent file; required, 64 lowercase hex characters
 * @param child          the child file; {@code sha256} required
 * @param childHistory   the path node describing the derivation; sha256, action, author name required
 * @param unknown        properties this model does not know, passed on unchanged
 */
@JsonInclude(value = JsonInclude.Include.NON_NULL, content = JsonInclude.Include.NON_NULL)
public record InsertEntity(
        @JsonProperty("original_source") String originalSource,
        @JsonProperty("parent_sha256") String parentSha256,
        BinaryEntity child,
        @JsonProperty("child_history") PathNode childHistory,
        @JsonAnySetter @JsonAnyGetter @JsonProperty(Components.UNKNOWN) Map<String, Object> unknown) {

    public InsertEntity {
        unknown = Components.unknown(unknown);
    }
}
