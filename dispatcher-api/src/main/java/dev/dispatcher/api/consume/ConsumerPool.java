package dev.dispatcher.api.consume;

import dev.dispatcher.common.event.EventModel;
import dev.dispatcher.common.topic.TopicLayout;
import dev.dispatcher.common.topic.TopicPlan;
import dev.dispatcher.common.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;

/**
 * The plugin feeds of this replica, one per plugin identity and filter set: made on a plugin's
 * first fetch, shared by its later fetches, closed when idle (their partitions then move to
 * replicas the plugin still polls) and on shutdown.
 */
final class ConsumerPool implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConsumerPool.class);

    /** Longest wait for a feed's consumers to commit, leave their groups and stop. */
    private static final Duration CLOSE_WAIT = StreamConsumer.REVOKE_WAIT.plusSeconds(10);

    private final ConsumeProperties properties;
    private final TopicPlan plan;
    private final KafkaProperties kafka;
    private final Admin admin;
    private final ConsumeMetrics metrics;
    private final Map<String, PluginFeed> feeds = new ConcurrentHashMap<>();
    private ScheduledExecutorService sweeper;
    private volatile boolean running;
    private volatile boolean draining;

    ConsumerPool(ConsumeProperties properties, TopicPlan plan, KafkaProperties kafka, Admin admin,
                 io.micrometer.core.instrument.MeterRegistry registry) {
        this.properties = properties;
        this.plan = plan;
        this.kafka = kafka;
        this.admin = admin;
        this.metrics = new ConsumeMetrics(registry,
                () -> feeds.values().stream().flatMap(f -> f.consumers().stream()).filter(StreamConsumer::open).count());
    }

    ConsumeMetrics metrics() {
        return metrics;
    }

    /** The consumers this replica holds for a plugin, open or finished. */
    List<StreamConsumer> consumersOf(String plugin) {
        return feeds.values().stream().flatMap(f -> f.consumers().stream())
                .filter(c -> c.subscription().plugin().equals(plugin)).toList();
    }

    /** The feed a fetch reads, entered: the fetch's lease exits it. */
    PluginFeed feedFor(FetchRequest request) {
        while (true) {
            if (!running || draining) {
                throw new ApiException(org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE, "shutting_down",
                        "This replica is shutting down; retry on another.", Map.of());
            }
            String base = groupBase(request);
            PluginFeed feed = feeds.get(base);
            if (feed == null) {
                List<Subscription> subscriptions = subscriptions(base, request); // may refuse the request
                feed = feeds.computeIfAbsent(base, b -> create(b, subscriptions));
            }
            if (feed.enter()) {
                return feed;
            }
            feeds.remove(base, feed); // closed while idle just now: make a new one
        }
    }

    /**
     * Live (with expedite, and for active fetches the plugin's redeliveries) first, then historic: at
     * most two consumer groups per plugin.
     */
    private List<Subscription> subscriptions(String base, FetchRequest request) {
        Set<Stream> streams = request.streams();
        String expedite = plan.layout().name(TopicLayout.EXPEDITE);
        boolean active = request.mode() == Mode.ACTIVE;
        String redelivery = active ? plan.layout().name(TopicLayout.TASK_REDELIVERY) : null;
        List<Subscription> list = new ArrayList<>();
        if (streams.contains(Stream.LIVE) || streams.contains(Stream.EXPEDITE) || active) {
            List<String> topics = new ArrayList<>();
            if (active) {
                topics.add(redelivery);
            }
            if (streams.contains(Stream.EXPEDITE)) {
                topics.add(expedite);
            }
            if (streams.contains(Stream.LIVE)) {
                topics.addAll(topics(request));
            }
            Stream newest = streams.contains(Stream.LIVE) ? Stream.LIVE
                    : streams.contains(Stream.EXPEDITE) ? Stream.EXPEDITE : Stream.REDELIVERY;
            list.add(new Subscription(base + "." + newest.wireName(), null, request.name(), newest, topics, expedite,
                    redelivery));
        }
        if (streams.contains(Stream.HISTORIC)) {
            String liveGroup = streams.contains(Stream.LIVE) ? base + "." + Stream.LIVE.wireName() : null;
            list.add(new Subscription(base + "." + Stream.HISTORIC.wireName(), liveGroup, request.name(),
                    Stream.HISTORIC, topics(request), expedite, null));
        }
        return list;
    }

    /** The model's topics this plugin reads (live and historic): binary ones by source and action. */
    private List<String> topics(FetchRequest request) {
        TopicLayout layout = plan.layout();
        if (request.model() != EventModel.BINARY) {
            return List.of(layout.system(request.model().wireName()));
        }
        List<String> sources = plan.sources().stream()
                .filter(s -> request.filters().sources().isEmpty() || request.filters().sources().contains(s))
                .toList();
        if (sources.isEmpty()) {
            throw new ApiException(org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE, "no_sources",
                    "No source is configured (DISPATCHER_SOURCES_HELM), so there are no binary events to read.", Map.of());
        }
        List<String> topics = new ArrayList<>();
        for (String source : sources) {
            for (String action : TopicLayout.BINARY_ACTIONS) {
                boolean allowed = request.filters().allowActions().isEmpty() || request.filters().allowActions().contains(action);
                if (allowed && !request.filters().denyActions().contains(action)) {
                    topics.add(layout.binary(source, action));
                }
            }
        }
        if (topics.isEmpty()) {
            throw ApiException.badParameter("f-deny-event-type", "The action filters leave no event type to read.");
        }
        return topics;
    }

    /**
     * {@code <prefix>.<namespace>.<topic prefix>.<name>.<version>.<model>.<mode>.<hash>}: one group per plugin
     * identity and filter set, the same on every replica.
     */
    private String groupBase(FetchRequest request) {
        String filters = request.filters().canonical() + ";streams=" + request.streams();
        return properties.groupId(plan.layout(), safe(request.name()), safe(request.version()),
                request.model().wireName(), request.mode().wireName(), sha256(filters).substring(0, 12));
    }

    private PluginFeed create(String base, List<Subscription> subscriptions) {
        PluginFeed feed = new PluginFeed(base);
        List<StreamConsumer> consumers = new ArrayList<>();
        for (Subscription subscription : subscriptions) {
            consumers.add(consumer(subscription, feed));
        }
        feed.start(consumers);
        return feed;
    }

    private StreamConsumer consumer(Subscription subscription, PluginFeed feed) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, subscription.groupId());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, subscription.groupId() + "-" + Long.toHexString(System.nanoTime()));
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.getMaxPollRecords());
        config.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, properties.getGroupProtocol());
        if ("classic".equalsIgnoreCase(properties.getGroupProtocol())) {
            // Incremental rebalances: a replica joining or leaving moves only the partitions that change owner.
            config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        }
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, subscription.stream() == Stream.HISTORIC ? "earliest" : "latest");
        // A replica may hold a consumer for each of hundreds of plugins: no JMX MBeans and no metrics push
        // per consumer (each JMX reporter registers dozens of MBeans; the figures are in docs/benchmarks.md).
        config.put(ConsumerConfig.METRIC_REPORTER_CLASSES_CONFIG, "");
        config.put(ConsumerConfig.ENABLE_METRICS_PUSH_CONFIG, false);
        // Nobody reads these client metrics (no reporter): one sample window instead of two halves what they hold.
        config.put(ConsumerConfig.METRICS_NUM_SAMPLES_CONFIG, 1);
        log.info("Opening consumer {} on {} topics for {}", subscription.groupId(), subscription.topics().size(),
                subscription.plugin());
        StreamConsumer consumer = new StreamConsumer(subscription, new KafkaConsumer<>(config), feed, this::groupOffsets,
                properties.getBufferRecords(), metrics::historyDone);
        metrics.opened();
        return consumer;
    }

    /**
     * A historic consumer closes once the partitions it owned are read to the end of their history;
     * the rest of the group then owns the others. Should that rest die without finishing, nobody
     * would read those: so, for each plugin still fetching here whose historic consumer finished, a
     * historic group with no member left and a partition short of its end gets a consumer again.
     */
    void reviveUnownedHistory() {
        for (PluginFeed feed : feeds.values()) {
            for (StreamConsumer consumer : feed.consumers()) {
                Subscription subscription = consumer.subscription();
                if (consumer.historyFinished() && feed.historyCheckDue(properties.getIdleCheckInterval())
                        && historyLeftUnowned(subscription)) {
                    log.info("History of {} is not read to its end and no consumer owns it; reading it here",
                            subscription.groupId());
                    feed.replace(consumer, consumer(subscription, feed));
                    metrics.historyRevived();
                }
            }
        }
    }

    private boolean historyLeftUnowned(Subscription historic) {
        try {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(historic.groupId()))
                    .describedGroups().get(historic.groupId()).get(5, TimeUnit.SECONDS);
            if (!group.members().isEmpty()) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            log.debug("Group {} not described: {}", historic.groupId(), e.toString());
            return false;
        }
        Map<TopicPartition, OffsetAndMetadata> done = groupOffsets(historic.groupId());
        for (Map.Entry<TopicPartition, OffsetAndMetadata> live : groupOffsets(historic.liveGroup()).entrySet()) {
            Long end = StreamConsumer.liveStart(live.getValue());
            OffsetAndMetadata read = done.get(live.getKey());
            if (end != null && historic.topics().contains(live.getKey().topic()) && (read == null ? 0 : read.offset()) < end) {
                return true;
            }
        }
        return false;
    }

    private Map<TopicPartition, OffsetAndMetadata> groupOffsets(String group) {
        try {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        } catch (Exception e) {
            log.debug("Offsets of group {} not available: {}", group, e.toString());
            return Map.of();
        }
    }

    /** Shutdown has begun: fetches in flight return what they have at once, new ones are refused. */
    void drain() {
        draining = true;
        feeds.values().forEach(PluginFeed::drain);
    }

    /** Closes the feeds nobody fetched from for the idle time. */
    void releaseIdle() {
        List<PluginFeed> closing = new ArrayList<>();
        feeds.forEach((base, feed) -> {
            if (feed.beginCloseIfIdle(properties.getIdleTime())) {
                feeds.remove(base, feed);
                closing.add(feed);
            }
        });
        for (PluginFeed feed : closing) {
            feed.awaitClosed(CLOSE_WAIT);
            metrics.released();
            log.info("Released idle consumers of {}", feed.name());
        }
    }

    @Override
    public void start() {
        draining = false;
        sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("consumer-sweeper").factory());
        long every = properties.getIdleCheckInterval().toMillis();
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                releaseIdle();
                reviveUnownedHistory();
            } catch (RuntimeException e) {
                log.warn("Consumer sweep failed: {}", e.toString());
            }
        }, every, every, TimeUnit.MILLISECONDS);
        running = true;
    }

    /** After the web server finished the requests in flight: close every consumer, leaving its group at once. */
    @Override
    public void stop() {
        running = false;
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        List<PluginFeed> closing = new ArrayList<>(feeds.values());
        feeds.clear();
        closing.forEach(PluginFeed::beginClose);
        closing.forEach(feed -> feed.awaitClosed(CLOSE_WAIT));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the web server's graceful shutdown (phase DEFAULT - 1024) and before topic provisioning. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    private static String safe(String value) {
        return value.replaceAll("[^A-Za-z0-9_-]", "_");
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
