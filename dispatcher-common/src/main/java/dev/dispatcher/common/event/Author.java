package dev.dispatcher.common.event;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * Who published an event or produced a path node: a plugin, loader or user.
 *
 * @param name     required; part of the Kafka keys of binary, status and insert events
 * @param version  the producer's version (deliberately not part of any key)
 * @param category e.g. {@code plugin}, {@code loader}, {@code user}
 * @param security security label of what this author saw
 * @param unknown  properties this model does not know, passed on unchanged
 */
@JsonInclude(value = JsonInclude.Include.NON_NULL, content = JsonInclude.Include.NON_NULL)
public record Author(
        String name,
        String version,
        String category,
        String security,
        @JsonAnySetter @JsonAnyGetter @JsonProperty(Components.UNKNOWN) Map<String, Object> unknown) {

    public Author {
        unknown = Components.unknown(unknown);
    }

    /** An author with just the known fields. */
    public static Author of(String name, String version, String category) {
        return new Author(name, version, category, null, null);
    }
}
