package dev.dispatcher.api.consume;

import java.util.List;

/**
 * What one consumer group reads for one plugin identity and filter set. Equal subscriptions share
 * a consumer group across every api replica.
 *
 * @param groupId       the consumer group
 * @param liveGroup     for {@link Stream#HISTORIC} read alongside live: the live group whose starting
 *                      offsets end the history (null otherwise)
 * @param plugin        the plugin's name, for logs
 * @param stream        {@link Stream#HISTORIC}, or the newest stream the group reads: {@link Stream#LIVE}
 *                      (its topics, and {@code system.expedite} when the plugin reads it) or
 *                      {@link Stream#EXPEDITE} alone
 * @param topics        every topic the group reads
 * @param expediteTopic the topic whose records rank as {@link Stream#EXPEDITE}
 * @param redeliveryTopic the topic whose records rank as {@link Stream#REDELIVERY}
 */
record Subscription(String groupId, String liveGroup, String plugin, Stream stream, List<String> topics,
                    String expediteTopic, String redeliveryTopic) {

    /** The priority of records read from a topic of this subscription. */
    Stream priorityOf(String topic) {
        if (topic.equals(redeliveryTopic)) {
            return Stream.REDELIVERY;
        }
        return topic.equals(expediteTopic) ? Stream.EXPEDITE : stream;
    }
}
