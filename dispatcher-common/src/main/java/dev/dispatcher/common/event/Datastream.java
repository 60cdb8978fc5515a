package dev.dispatcher.common.event;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A blob attached to a binary: what the streams API returned for it, plus its label.
 *
 * @param sha256          store identity of the blob
 * @param sha512          SHA-512 hex
 * @param sha1            SHA-1 hex
 * @param md5             MD5 hex
 * @param ssdeep          fuzzy hash (files of 4096 bytes or more)
 * @param tlsh            TLSH (files above 50 bytes)
 * @param size            size in bytes
 * @param fileFormat      Assemblyline-style format, e.g. {@code document/pdf}
 * @param fileExtension   usual extension for the format
 * @param mime            libmagic MIME type
 * @param magic           libmagic description
 * @param identifyVersion version of the identification that produced the format fields
 * @param label           a {@link DatastreamLabel} wire name; required
 * @param language        language of the blob, when known
 * @param unknown         properties this model does not know, passed on unchanged
 */
@JsonInclude(value = JsonInclude.Include.NON_NULL, content = JsonInclude.Include.NON_NULL)
public record Datastream(
        String sha256,
        String sha512,
        String sha1,
        String md5,
        String ssdeep,
        String tlsh,
        Long size,
        @JsonProperty("file_format") String fileFormat,
        @JsonProperty("file_extension") String fileExtension,
        String mime,
        String magic,
        @JsonProperty("identify_version") Integer identifyVersion,
        String label,
        String language,
        @JsonAnySetter @JsonAnyGetter @JsonProperty(Components.UNKNOWN) Map<String, Object> unknown) {

    public Datastream {
        unknown = Components.unknown(unknown);
    }
}
