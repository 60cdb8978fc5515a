package dev.dispatcher.api.consume;

import dev.dispatcher.api.consume.StreamConsumer.PartitionState;
import dev.dispatcher.api.filter.FilterReason;
import dev.dispatcher.common.event.EventJson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * The records one fetch took from its plugin's feed, held until the response reached the client
 * ({@link #commit}) or given back ({@link #close} without commit).
 */
final class Lease implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Lease.class);
    private static final String DEQUEUED = "dequeued";

    private final FetchRequest request;
    private final PluginFeed feed;
    private final List<Taken> taken = new ArrayList<>();
    private int judged;
    private int delivered;
    private boolean committed;
    private boolean closed;

    Lease(FetchRequest request, PluginFeed feed) {
        this.request = request;
        this.feed = feed;
    }

    PluginFeed feed() {
        return feed;
    }

    /** Under the feed's lock: one more record for this fetch, judged later by {@link #judge}. */
    void take(PartitionState state, ConsumerRecord<String, byte[]> record) {
        taken.add(new Taken(state, record));
    }

    /** Under the feed's lock: forgets records whose partition moved away; true when there were any. */
    boolean forgetGone() {
        Map<PartitionState, List<ConsumerRecord<String, byte[]>>> gone = new LinkedHashMap<>();
        for (Iterator<Taken> it = taken.iterator(); it.hasNext(); ) {
            Taken t = it.next();
            if (t.state.gone) {
                gone.computeIfAbsent(t.state, s -> new ArrayList<>()).add(t.record);
                it.remove();
            }
        }
        if (gone.isEmpty()) {
            return false;
        }
        gone.forEach((state, records) -> state.owner.forget(state, records));
        judged = taken.size();
        delivered = (int) taken.stream().filter(t -> t.reason == null).count();
        return true;
    }

    /** Outside the feed's lock: runs the plugin's filters over the records taken since the last call. */
    void judge() {
        for (; judged < taken.size(); judged++) {
            Taken t = taken.get(judged);
            judge(t);
            if (t.reason == null) {
                delivered++;
            }
        }
    }

    private void judge(Taken t) {
        String model = request.model().wireName();
        byte[] value = t.record.value();
        try {
            boolean mixedTopic = t.state.priority == Stream.EXPEDITE;
            if (request.filters().judgesBody(model, mixedTopic)) {
                t.event = EventJson.mapper().readTree(value);
                if (!(t.event != null && t.event.isObject())) {
                    t.reason = FilterReason.UNREADABLE;
                    return;
                }
                t.hasDequeued = t.event.has(DEQUEUED);
                t.reason = request.filters().reject(model, t.event, value).orElse(null);
            } else {
                Shape shape = shape(value);
                t.reason = shape == Shape.UNREADABLE ? FilterReason.UNREADABLE : null;
                t.hasDequeued = shape == Shape.OBJECT_WITH_DEQUEUED;
            }
        } catch (JacksonException | IllegalArgumentException e) {
            t.reason = FilterReason.UNREADABLE;
        }
        if (t.reason == FilterReason.UNREADABLE) {
            log.warn("Skipping unreadable record {}@{} for {}", t.state.partition, t.record.offset(), request.name());
        }
    }

    private enum Shape { UNREADABLE, OBJECT, OBJECT_WITH_DEQUEUED }

    /**
     * Whether the bytes are exactly one JSON object, and whether it has a top-level {@code dequeued}:
     * one pass of the tokenizer, without building the object.
     */
    private static Shape shape(byte[] value) {
        if (value == null) {
            return Shape.UNREADABLE;
        }
        try (JsonParser parser = EventJson.mapper().createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Shape.UNREADABLE;
            }
            boolean dequeued = false;
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                if (token != JsonToken.PROPERTY_NAME) {
                    return Shape.UNREADABLE;
                }
                dequeued |= DEQUEUED.equals(parser.currentName());
                parser.nextToken();
                parser.skipChildren();
            }
            return parser.nextToken() == null ? (dequeued ? Shape.OBJECT_WITH_DEQUEUED : Shape.OBJECT) : Shape.UNREADABLE;
        }
    }

    int delivered() {
        return delivered;
    }

    /** Events to hand out: expedite, then live, then historic, each in the order taken. */
    List<Delivery> deliveries() {
        return taken.stream()
                .filter(t -> t.reason == null)
                .sorted(Comparator.comparing(t -> t.state.priority))
                .map(t -> new Delivery(t.record, t.event, t.hasDequeued))
                .toList();
    }

    int filteredTotal() {
        return judged - delivered;
    }

    /** Skipped events by filter reason. */
    Map<String, Integer> filtered() {
        Map<String, Integer> filtered = new TreeMap<>();
        taken.forEach(t -> {
            if (t.reason != null) {
                filtered.merge(t.reason.wireName(), 1, Integer::sum);
            }
        });
        return filtered;
    }

    /** Under the feed's lock: the records taken, per partition, in offset order. */
    void forEachPartition(BiConsumer<PartitionState, List<ConsumerRecord<String, byte[]>>> action) {
        Map<PartitionState, List<ConsumerRecord<String, byte[]>>> byPartition = new LinkedHashMap<>();
        taken.forEach(t -> byPartition.computeIfAbsent(t.state, s -> new ArrayList<>()).add(t.record));
        byPartition.forEach((state, records) -> {
            records.sort(Comparator.comparingLong(ConsumerRecord::offset));
            action.accept(state, records);
        });
    }

    /** The response reached the client: every record taken (delivered or filtered) is done. */
    void commit() {
        feed.acknowledge(this);
        committed = true;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!committed) {
                feed.giveBack(this);
            }
        } finally {
            feed.exit();
        }
    }

    /**
     * One event to hand out; {@code event} is its parsed form when a filter needed it, else null;
     * {@code hasDequeued} when the stored event carries a top-level {@code dequeued} of its own.
     */
    record Delivery(ConsumerRecord<String, byte[]> record, JsonNode event, boolean hasDequeued) {
    }

    private static final class Taken {
        final PartitionState state;
        final ConsumerRecord<String, byte[]> record;
        JsonNode event;
        boolean hasDequeued;
        FilterReason reason;

        Taken(PartitionState state, ConsumerRecord<String, byte[]> record) {
            this.state = state;
            this.record = record;
        }
    }
}
