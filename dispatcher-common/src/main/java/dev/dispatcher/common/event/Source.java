package dev.dispatcher.common.event;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Where a binary came from: the submission it belongs to and the path of derivations since.
 *
 * @param name       the source (feed) name, e.g. {@code virustotal}; required, selects the topics
 * @param references submission references (e.g. ticket id), part of the key and tracking id
 * @param security   security label of the submission
 * @param timestamp  when the submission happened; zoned ISO-8601; its second is part of the key
 * @param settings   submission settings (e.g. passwords), part of the key
 * @param path       from the submitted file (first) to the current one (last)
 * @param unknown    properties this model does not know, passed on unchanged
 */
@JsonInclude(value = JsonInclude.Include.NON_NULL, content = JsonInclude.Include.NON_NULL)
public record Source(
        String name,
        Map<String, String> references,
        String security,
        String timestamp,
        Map<String, String> settings,
        List<PathNode> path,
        @JsonAnySetter @JsonAnyGetter @JsonProperty(Components.UNKNOWN) Map<String, Object> unknown) {

    public Source {
        references = Components.map(references);
        settings = Components.map(settings);
        path = Components.list(path);
        unknown = Components.unknown(unknown);
    }
}
