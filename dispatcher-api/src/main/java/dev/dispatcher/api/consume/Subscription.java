package dev.dispatcher.api.consume;

import dev.dispatcher.api.filter.FilterSet;
import dev.dispatcher.common.event.EventModel;
import java.util.List;
import java.util.Set;

/**
 * What one consumer group reads: a plugin identity and filter set, one {@link Stream}, its topics.
 * Equal subscriptions share a consumer group across every api replica.
 *
 * @param groupId   the consumer group
 * @param liveGroup for {@link Stream#HISTORIC} read alongside live: the live group whose starting
 *                  offsets end the history (null otherwise)
 */
record Subscription(String groupId, String liveGroup, String plugin, String version, EventModel model, Mode mode,
                    Stream stream, List<String> topics, FilterSet filters, Set<Stream> streams) {
}
