package dev.dispatcher.common.topic;

import java.util.Map;

/**
 * A topic as it should exist in the broker.
 *
 * @param name unprefixed name ({@code system.status}, {@code <source>.binary.sourced})
 * @param partitions desired partition count
 * @param replicas desired replication factor
 * @param config topic-level configuration to apply (only these keys are managed)
 */
public record TopicSpec(String name, int partitions, short replicas, Map<String, String> config) {

    public TopicSpec {
        config = Map.copyOf(config);
    }
}
