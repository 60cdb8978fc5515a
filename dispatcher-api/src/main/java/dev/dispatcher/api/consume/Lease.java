package dev.dispatcher.api.consume;

import dev.dispatcher.api.consume.StreamConsumer.PartitionState;
import dev.dispatcher.api.filter.FilterReason;
import dev.dispatcher.api.task.PauseState;
import dev.dispatcher.api.task.TaskRecords;
import dev.dispatcher.common.event.EventHeaders;
import dev.dispatcher.common.event.EventJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
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
    private static final byte[] OBJECT = EventHeaders.OBJECT.getBytes(StandardCharsets.UTF_8);
    private static final byte[] OBJECT_WITH_DEQUEUED = EventHeaders.OBJECT_WITH_DEQUEUED.getBytes(StandardCharsets.UTF_8);

    private final FetchRequest request;
    private final PluginFeed feed;
    private final PauseState pause;
    private final List<Taken> taken = new ArrayList<>();
    private int judged;
    private int delivered;
    private int skipped;
    /** Old task ids of the redeliveries this lease holds. */
    private final Set<String> redeliveries = new HashSet<>();
    private boolean committed;
    private boolean closed;

    /** {@code pause}: for active fetches, whose events published during a pause are skipped; else null. */
    Lease(FetchRequest request, PluginFeed feed, PauseState pause) {
        this.request = request;
        this.feed = feed;
        this.pause = pause;
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
        skipped = (int) taken.stream().filter(t -> t.skipped).count();
        delivered = (int) taken.stream().filter(t -> t.reason == null && !t.skipped).count();
        return true;
    }

    /** Outside the feed's lock: runs the plugin's filters over the records taken since the last call. */
    void judge() {
        for (; judged < taken.size(); judged++) {
            Taken t = taken.get(judged);
            judge(t);
            if (t.skipped) {
                skipped++;
            } else if (t.reason == null) {
                delivered++;
            }
        }
    }

    private void judge(Taken t) {
        String model = request.model().wireName();
        byte[] value = t.record.value();
        if (t.state.priority == Stream.REDELIVERY) {
            // Tasks due again, written by the deadline watcher: this feed's own are handed out as they are (they
            // passed its filters before); the other plugins' are none of this fetch's business, not even filtered.
            String oldId = TaskRecords.header(t.record.headers(), TaskRecords.TASK);
            t.skipped = value == null || !feed.name().equals(TaskRecords.header(t.record.headers(), TaskRecords.GROUP))
                    || (oldId != null && (feed.redeliveredAlready(oldId) || !redeliveries.add(oldId)));
            return;
        }
        if (pause != null && pause.publishedDuringPause(t.record.timestamp())) {
            t.reason = FilterReason.PAUSED;
            return;
        }
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
                Shape shape = shape(t.record);
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
     * Whether the record is exactly one JSON object, and whether it has a top-level {@code dequeued}:
     * as its {@link EventHeaders#SHAPE} header says (written by the publish path, which validated it),
     * else with one pass of the tokenizer, without building the object.
     */
    private static Shape shape(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(EventHeaders.SHAPE);
        if (header != null && record.value() != null) {
            if (Arrays.equals(header.value(), OBJECT)) {
                return Shape.OBJECT;
            }
            if (Arrays.equals(header.value(), OBJECT_WITH_DEQUEUED)) {
                return Shape.OBJECT_WITH_DEQUEUED;
            }
        }
        return shape(record.value());
    }

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

    /** Events to hand out: redeliveries, expedite, live, then historic, each in the order taken. */
    List<Delivery> deliveries() {
        return taken.stream()
                .filter(t -> t.reason == null && !t.skipped)
                .sorted(Comparator.comparing(t -> t.state.priority))
                .map(t -> new Delivery(t.record, t.event, t.hasDequeued, t.state.priority))
                .toList();
    }

    int filteredTotal() {
        return judged - delivered - skipped;
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

    /** The response reached the client (or its tasks are tracked): every record taken (delivered or filtered) is done. */
    void commit() {
        feed.acknowledge(this);
        feed.rememberRedelivered(List.copyOf(redeliveries));
        committed = true;
    }

    /**
     * After {@link #commit}: waits, at most {@code max}, until Kafka confirmed the commits that cover
     * this lease's records, so that no other replica reads them again should this one die now.
     *
     * @return whether they were confirmed in time
     */
    boolean awaitCommitted(Duration max) throws InterruptedException {
        return feed.awaitCommitted(this, max);
    }

    /** Under the feed's lock: whether every record taken is below its partition's confirmed commit, or moved away. */
    boolean committedInKafka() {
        for (Taken t : taken) {
            if (!t.state.gone && t.state.durable <= t.record.offset()) {
                return false;
            }
        }
        return true;
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
     * {@code hasDequeued} when the stored event carries a top-level {@code dequeued} of its own;
     * {@code stream} the stream it came from.
     */
    record Delivery(ConsumerRecord<String, byte[]> record, JsonNode event, boolean hasDequeued, Stream stream) {
    }

    private static final class Taken {
        final PartitionState state;
        final ConsumerRecord<String, byte[]> record;
        JsonNode event;
        boolean hasDequeued;
        FilterReason reason;
        /** Another plugin's redelivery: neither delivered nor counted as filtered. */
        boolean skipped;

        Taken(PartitionState state, ConsumerRecord<String, byte[]> record) {
            this.state = state;
            this.record = record;
        }
    }
}
