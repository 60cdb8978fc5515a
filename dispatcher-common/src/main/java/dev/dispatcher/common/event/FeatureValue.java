package dev.dispatcher.common.event;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One feature value a plugin found in a binary.
 *
 * @param name    feature name; required
 * @param type    a {@link FeatureType} wire name; required
 * @param value   the value, always a string on the wire; required
 * @param label   optional qualifier of the value
 * @param offset  where in the file the value was found
 * @param size    how many bytes the value spans
 * @param unknown properties this model does not know, passed on unchanged
 */
@JsonInclude(value = JsonInclude.Include.NON_NULL, content = JsonInclude.Include.NON_NULL)
public record FeatureValue(
        String name,
        String type,
        String value,
        String label,
        Long offset,
        Long size,
        @JsonAnySetter @JsonAnyGetter @JsonProperty(Components.UNKNOWN) Map<String, Object> unknown) {

    public FeatureValue {
        unknown = Components.unknown(unknown);
    }
}
