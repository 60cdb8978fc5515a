package dev.dispatcher.api.consume;

import dev.dispatcher.api.filter.FilterReason;
import dev.dispatcher.common.event.EventJson;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The records one fetch took from its plugin's consumers, held until the response reached the
 * client ({@link #commit}) or given back ({@link #close} without commit). Holds the consumers it
 * took records from until then.
 */
final class Lease implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Lease.class);

    private final FetchRequest request;
    private final List<Part> parts = new ArrayList<>();
    private final Map<String, Integer> filtered = new TreeMap<>();
    private int filteredTotal;
    private boolean committed;
    private boolean polled;

    Lease(FetchRequest request) {
        this.request = request;
    }

    Part part(PluginConsumer consumer) {
        Part part = new Part(consumer);
        parts.add(part);
        return part;
    }

    List<Part> parts() {
        return parts;
    }

    /** Called after each round of broker polls. */
    void markPolled() {
        polled = true;
    }

    /** Whether the broker was asked at least once (a fetch with no wait still asks once). */
    boolean polled() {
        return polled;
    }

    /** Events to hand out, in the order they were taken (expedite, live, historic). */
    List<Delivery> deliveries() {
        List<Delivery> all = new ArrayList<>();
        parts.forEach(p -> all.addAll(p.delivered));
        return all;
    }

    int delivered() {
        int n = 0;
        for (Part p : parts) {
            n += p.delivered.size();
        }
        return n;
    }

    int filteredTotal() {
        return filteredTotal;
    }

    /** Skipped events by filter reason. */
    Map<String, Integer> filtered() {
        return filtered;
    }

    /** The response reached the client: commit every offset taken, then let the consumers go. */
    void commit() {
        for (Part part : parts) {
            part.consumer.commit(part.positions);
        }
        committed = true;
    }

    @Override
    public void close() {
        for (Part part : parts) {
            try {
                if (!committed) {
                    part.consumer.giveBack(part.taken);
                }
            } finally {
                part.consumer.release();
            }
        }
    }

    /** One delivered event: its parsed form and where it came from. */
    record Delivery(TopicPartition partition, ConsumerRecord<String, byte[]> record, JsonNode event) {
    }

    /** What the lease took from one consumer. */
    final class Part {
        private final PluginConsumer consumer;
        private final Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> taken = new LinkedHashMap<>();
        private final Map<TopicPartition, Long> positions = new HashMap<>();
        private final List<Delivery> delivered = new ArrayList<>();

        private Part(PluginConsumer consumer) {
            this.consumer = consumer;
        }

        PluginConsumer consumer() {
            return consumer;
        }

        /** Takes one record; true when it is to be delivered, false when a filter skips it. */
        boolean add(TopicPartition tp, ConsumerRecord<String, byte[]> record) {
            taken.computeIfAbsent(tp, k -> new ArrayList<>()).add(record);
            positions.merge(tp, record.offset() + 1, Math::max);
            Optional<FilterReason> reason;
            JsonNode event = null;
            try {
                event = EventJson.mapper().readTree(record.value());
                reason = request.filters().reject(request.model().wireName(), event, record.value());
            } catch (JacksonException | IllegalArgumentException e) {
                log.warn("Skipping unreadable record {}@{} for {}: {}", tp, record.offset(), request.name(), e.getMessage());
                reason = Optional.of(FilterReason.UNREADABLE);
            }
            if (reason.isPresent()) {
                filtered.merge(reason.get().wireName(), 1, Integer::sum);
                filteredTotal++;
                return false;
            }
            delivered.add(new Delivery(tp, record, event));
            return true;
        }

        /** Commits up to {@code offset} on a partition without delivering anything (end of history). */
        void advance(TopicPartition tp, long offset) {
            positions.merge(tp, offset, Math::max);
        }

        /** Partitions moved away before delivery: forget everything taken from them. */
        void drop(Collection<TopicPartition> partitions) {
            for (TopicPartition tp : partitions) {
                taken.remove(tp);
                positions.remove(tp);
            }
            delivered.removeIf(d -> partitions.contains(d.partition()));
        }
    }
}
