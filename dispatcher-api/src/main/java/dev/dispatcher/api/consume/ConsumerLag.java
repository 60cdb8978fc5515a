package dev.dispatcher.api.consume;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * How far behind each plugin is: for every consumer group of this deployment that reads new events (the
 * {@code live}, {@code expedite} and {@code redelivery} groups; historic ones stop at a mark and are left out),
 * the records between each partition's committed offset and its end, summed, read from Kafka through the Admin
 * API every {@code dispatcher.api.consume.lag-interval}. Every replica reports every group with the same figures,
 * so dashboards take the max per group. Groups gone from Kafka lose their series.
 */
final class ConsumerLag implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConsumerLag.class);
    /** Groups reported at most, as a guard against a misbehaving client creating plugin identities. */
    static final int MAX_GROUPS = 1000;
    private static final String METER = "dispatcher.consumers.lag";
    private static final Set<String> READ_NEW_EVENTS = Set.of(Stream.LIVE.wireName(), Stream.EXPEDITE.wireName(),
            Stream.REDELIVERY.wireName());

    private final Admin admin;
    private final MeterRegistry registry;
    private final String groupPrefix;
    private final Duration interval;
    /** Group → its gauge's value; only the refresh thread changes it. */
    private final Map<String, AtomicLong> lags = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService scheduler;

    /** {@code groupPrefix}: {@code <dispatcher.api.consume.group-prefix>.<namespace>.<topic prefix>.}. */
    ConsumerLag(Admin admin, MeterRegistry registry, String groupPrefix, Duration interval) {
        this.admin = admin;
        this.registry = registry;
        this.groupPrefix = groupPrefix;
        this.interval = interval;
    }

    @Override
    public void start() {
        if (interval.isZero() || interval.isNegative()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("consumer-lag").factory());
        scheduler.scheduleWithFixedDelay(this::refreshQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = scheduler;
        if (running != null) {
            running.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Kafka away: the series keep their last values; readiness and the 503s already say it is away.
            log.debug("Consumer lag not read this round: {}", e.toString());
        }
    }

    /** One round: lists the groups, reads their committed offsets and the partitions' ends, sets the gauges. */
    void refresh() throws Exception {
        long timeout = Math.max(5_000, interval.toMillis());
        Set<String> groups = new TreeSet<>();
        for (GroupListing listing : admin.listGroups(ListGroupsOptions.forConsumerGroups()).all()
                .get(timeout, TimeUnit.MILLISECONDS)) {
            String id = listing.groupId();
            if (id.startsWith(groupPrefix) && READ_NEW_EVENTS.contains(id.substring(id.lastIndexOf('.') + 1))) {
                groups.add(id);
            }
        }
        Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
        groups.stream().limit(MAX_GROUPS).forEach(group -> specs.put(group, new ListConsumerGroupOffsetsSpec()));
        // One request per group coordinator for all the groups, not one per group.
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = specs.isEmpty() ? Map.of()
                : admin.listConsumerGroupOffsets(specs).all().get(timeout, TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        committed.values().forEach(offsets -> offsets.keySet().forEach(tp -> partitions.put(tp, OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResultInfo> ends = partitions.isEmpty() ? Map.of()
                : admin.listOffsets(partitions).all().get(timeout, TimeUnit.MILLISECONDS);
        committed.forEach((group, offsets) -> {
            long lag = 0;
            for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : offsets.entrySet()) {
                ListOffsetsResultInfo end = ends.get(entry.getKey());
                if (end != null && entry.getValue() != null) {
                    lag += Math.max(0, end.offset() - entry.getValue().offset());
                }
            }
            lags.computeIfAbsent(group, this::register).set(lag);
        });
        for (String gone : Set.copyOf(lags.keySet())) {
            if (!committed.containsKey(gone)) {
                lags.remove(gone);
                Gauge gauge = registry.find(METER).tag("group", gone).gauge();
                if (gauge != null) {
                    registry.remove(gauge);
                }
            }
        }
    }

    private AtomicLong register(String group) {
        AtomicLong value = new AtomicLong();
        Gauge.builder(METER, value, AtomicLong::get)
                .description("Records a plugin's consumer group has not taken yet: committed offset to the end, summed "
                        + "over its partitions (live, expedite and redelivery groups)")
                .tag("group", group)
                .register(registry);
        return value;
    }
}
