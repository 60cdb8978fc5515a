package dev.dispatcher.api.plugin;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The answer to a simulate: for every registered plugin, whether it would skip the event and why.
 * Exactly the members Azul's client accepts (it rejects unknown ones).
 *
 * @param consumers one entry per registered plugin name and version, by name then version
 */
record Simulation(List<Consumer> consumers) {

    /**
     * One plugin's verdict.
     *
     * @param name             plugin name
     * @param version          plugin version
     * @param filterOut        true when the plugin's filters skip the event
     * @param filterOutTrigger the skipping filter's name (as in {@code info.filters}), empty when it passes
     */
    record Consumer(
            String name,
            String version,
            @JsonProperty("filter_out") boolean filterOut,
            @JsonProperty("filter_out_trigger") String filterOutTrigger) {
    }
}
