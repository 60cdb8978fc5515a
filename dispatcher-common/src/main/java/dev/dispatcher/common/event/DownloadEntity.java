package dev.dispatcher.common.event;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A file to fetch from (or fetched from) an external service.
 *
 * @param hash          the file's hash at the external service; required
 * @param directUrl     where it can be downloaded directly
 * @param directExpiry  when {@code directUrl} expires: a timestamp string, or {@code 0} as Azul's
 *                      Go side writes for "unset", so it is kept untyped to round-trip either
 * @param pcap          whether the file is a packet capture
 * @param category      quota category
 * @param categoryQuota remaining quota of the category
 * @param metadata      free-form details, passed on as is
 * @param unknown       properties this model does not know, passed on unchanged
 */
@JsonInclude(value = JsonInclude.Include.NON_NULL, content = JsonInclude.Include.NON_NULL)
public record DownloadEntity(
        String hash,
        @JsonProperty("direct_url") String directUrl,
        @JsonProperty("direct_expiry") Object directExpiry,
        Boolean pcap,
        String category,
        @JsonProperty("category_quota") Long categoryQuota,
        Object metadata,
        @JsonAnySetter @JsonAnyGetter @JsonProperty(Components.UNKNOWN) Map<String, Object> unknown) {

    public DownloadEntity {
        unknown = Components.unknown(unknown);
    }
}
