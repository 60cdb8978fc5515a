package dev.dispatcher.common.event;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A plugin's registration: its identity, what it produces and how it is configured.
 *
 * @param name        plugin name; required, part of the key
 * @param version     plugin version; required, part of the key
 * @param category    usually {@code plugin}
 * @param security    security label of the plugin's output
 * @param description what the plugin does
 * @param contact     who runs it
 * @param features    the features it may produce
 * @param config      its configuration, all values as strings
 * @param unknown     properties this model does not know, passed on unchanged
 */
@JsonInclude(value = JsonInclude.Include.NON_NULL, content = JsonInclude.Include.NON_NULL)
public record PluginEntity(
        String name,
        String version,
        String category,
        String security,
        String description,
        String contact,
        List<Feature> features,
        Map<String, String> config,
        @JsonAnySetter @JsonAnyGetter @JsonProperty(Components.UNKNOWN) Map<String, Object> unknown) {

    public PluginEntity {
        features = Components.list(features);
        config = Components.map(config);
        unknown = Components.unknown(unknown);
    }

    /**
     * A feature a plugin declares it may produce.
     *
     * @param name    feature name; required
     * @param desc    what it means; required
     * @param type    a {@link FeatureType} wire name; required
     * @param unknown properties this model does not know, passed on unchanged
     */
    @JsonInclude(value = JsonInclude.Include.NON_NULL, content = JsonInclude.Include.NON_NULL)
    public record Feature(
            String name,
            String desc,
            String type,
            @JsonAnySetter @JsonAnyGetter @JsonProperty(Components.UNKNOWN) Map<String, Object> unknown) {

        public Feature {
            unknown = Components.unknown(unknown);
        }
    }
}
