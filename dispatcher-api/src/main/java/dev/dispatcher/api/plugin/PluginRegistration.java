package dev.dispatcher.api.plugin;

import dev.dispatcher.api.filter.FilterSet;

/**
 * The latest registration of one plugin identity, as read from the plugin topic.
 *
 * @param key       the Kafka record key (MD5 of {@code <name>.<version>}), or {@code <name>.<version>} when the record had none
 * @param name      {@code entity.name}
 * @param version   {@code entity.version}
 * @param timestamp the registration's {@code timestamp}, as sent (may be null)
 * @param filters   the event filters its {@code entity.config} asks for (see {@link PluginFilters})
 */
public record PluginRegistration(String key, String name, String version, String timestamp, FilterSet filters) {
}
