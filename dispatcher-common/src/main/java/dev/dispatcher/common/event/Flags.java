package dev.dispatcher.common.event;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * Delivery flags of a binary event; absent means false.
 *
 * @param bypassCache always process, do not answer from cached results
 * @param expedite    route to {@code system.expedite} for faster analysis
 * @param retry       route to {@code system.error} for another attempt
 * @param unknown     properties this model does not know, passed on unchanged
 */
@JsonInclude(value = JsonInclude.Include.NON_NULL, content = JsonInclude.Include.NON_NULL)
public record Flags(
        @JsonProperty("bypass_cache") Boolean bypassCache,
        Boolean expedite,
        Boolean retry,
        @JsonAnySetter @JsonAnyGetter @JsonProperty(Components.UNKNOWN) Map<String, Object> unknown) {

    public Flags {
        unknown = Components.unknown(unknown);
    }
}
