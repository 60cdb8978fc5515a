package dev.dispatcher.common.event;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One step on the path from the originally submitted file to the binary an event is about.
 *
 * @param author       who took this step; {@code name} required
 * @param action       a {@link BinaryAction} wire name (kept as sent, checked by the validator)
 * @param sha256       the file at this step; required, 64 lowercase hex characters
 * @param relationship free-form description of how this file relates to its parent
 * @param timestamp    when the step happened; zoned ISO-8601, required
 * @param fileFormat   e.g. {@code executable/windows/pe32}
 * @param size         file size in bytes
 * @param filename     name the file had at this step
 * @param language     language of the file, when known
 * @param unknown      properties this model does not know, passed on unchanged
 */
@JsonInclude(value = JsonInclude.Include.NON_NULL, content = JsonInclude.Include.NON_NULL)
public record PathNode(
        Author author,
        String action,
        String sha256,
        Map<String, String> relationship,
        String timestamp,
        @JsonProperty("file_format") String fileFormat,
        Long size,
        String filename,
        String language,
        @JsonAnySetter @JsonAnyGetter @JsonProperty(Components.UNKNOWN) Map<String, Object> unknown) {

    public PathNode {
        relationship = Components.map(relationship);
        unknown = Components.unknown(unknown);
    }
}
