package dev.dispatcher.common.event;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The file a binary event is about (also the child of an insert event).
 *
 * @param sha256        identity of the file; required, 64 lowercase hex characters
 * @param sha512        SHA-512 hex
 * @param sha1          SHA-1 hex
 * @param md5           MD5 hex
 * @param ssdeep        fuzzy hash
 * @param tlsh          TLSH
 * @param size          size in bytes
 * @param mime          libmagic MIME type
 * @param magic         libmagic description
 * @param fileFormat    Assemblyline-style format, e.g. {@code executable/windows/pe32}
 * @param fileExtension usual extension for the format
 * @param features      feature values found by the author
 * @param datastreams   blobs attached to this event (content and derived streams)
 * @param info          free-form plugin output, passed on as is
 * @param unknown       properties this model does not know, passed on unchanged
 */
@JsonInclude(value = JsonInclude.Include.NON_NULL, content = JsonInclude.Include.NON_NULL)
public record BinaryEntity(
        String sha256,
        String sha512,
        String sha1,
        String md5,
        String ssdeep,
        String tlsh,
        Long size,
        String mime,
        String magic,
        @JsonProperty("file_format") String fileFormat,
        @JsonProperty("file_extension") String fileExtension,
        List<FeatureValue> features,
        List<Datastream> datastreams,
        Map<String, Object> info,
        @JsonAnySetter @JsonAnyGetter @JsonProperty(Components.UNKNOWN) Map<String, Object> unknown) {

    public BinaryEntity {
        features = Components.list(features);
        datastreams = Components.list(datastreams);
        info = Components.map(info);
        unknown = Components.unknown(unknown);
    }
}
