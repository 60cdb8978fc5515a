package dev.dispatcher.api.consume;

import dev.dispatcher.common.event.EventModel;
import dev.dispatcher.common.topic.TopicLayout;
import dev.dispatcher.common.topic.TopicPlan;
import dev.dispatcher.common.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
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
 * The per-plugin consumers of this replica: made on a plugin's first fetch, shared by its later
 * fetches, closed when idle (their partitions then move to replicas the plugin still polls) and
 * on shutdown.
 */
final class ConsumerPool implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConsumerPool.class);

    private final ConsumeProperties properties;
    private final TopicPlan plan;
    private final KafkaProperties kafka;
    private final Admin admin;
    private final ConsumeMetrics metrics;
    private final Map<String, PluginConsumer> consumers = new ConcurrentHashMap<>();
    private ScheduledExecutorService sweeper;
    private volatile boolean running;
    private volatile boolean draining;

    ConsumerPool(ConsumeProperties properties, TopicPlan plan, KafkaProperties kafka, Admin admin,
                 io.micrometer.core.instrument.MeterRegistry registry) {
        this.properties = properties;
        this.plan = plan;
        this.kafka = kafka;
        this.admin = admin;
        this.metrics = new ConsumeMetrics(registry, consumers::size);
    }

    ConsumeMetrics metrics() {
        return metrics;
    }

    /** The consumers a fetch reads, in the order it serves them (expedite, live, historic). */
    List<PluginConsumer> consumersFor(FetchRequest request) {
        if (!running || draining) {
            throw new ApiException(org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE, "shutting_down",
                    "This replica is shutting down; retry on another.", Map.of());
        }
        String base = groupBase(request);
        List<PluginConsumer> list = new ArrayList<>();
        for (Stream stream : Stream.values()) {
            if (!request.streams().contains(stream)) {
                continue;
            }
            String liveGroup = stream == Stream.HISTORIC && request.streams().contains(Stream.LIVE)
                    ? base + "." + Stream.LIVE.wireName() : null;
            Subscription subscription = new Subscription(base + "." + stream.wireName(), liveGroup, request.name(),
                    request.version(), request.model(), request.mode(), stream, topics(request, stream),
                    request.filters(), request.streams());
            list.add(consumers.computeIfAbsent(subscription.groupId(), id -> create(subscription)));
        }
        return list;
    }

    private List<String> topics(FetchRequest request, Stream stream) {
        TopicLayout layout = plan.layout();
        if (stream == Stream.EXPEDITE) {
            return List.of(layout.name(TopicLayout.EXPEDITE));
        }
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
        return String.join(".", properties.getGroupPrefix(), plan.layout().namespace(), plan.layout().prefix(),
                safe(request.name()), safe(request.version()), request.model().wireName(), request.mode().wireName(),
                sha256(filters).substring(0, 12));
    }

    private PluginConsumer create(Subscription subscription) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, subscription.groupId());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, subscription.groupId() + "-" + Long.toHexString(System.nanoTime()));
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.getMaxPollRecords());
        config.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, properties.getGroupProtocol());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, subscription.stream() == Stream.HISTORIC ? "earliest" : "latest");
        log.info("Opening consumer {} on {} topics for {} {}", subscription.groupId(), subscription.topics().size(),
                subscription.plugin(), subscription.version());
        return new PluginConsumer(subscription, new KafkaConsumer<>(config), this::groupOffsets);
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
    }

    boolean draining() {
        return draining;
    }

    /** Closes consumers nobody polled for the idle time. */
    void releaseIdle() {
        long idle = properties.getIdleTime().toNanos();
        long now = System.nanoTime();
        consumers.forEach((group, consumer) -> {
            if (now - consumer.lastUsedNanos() > idle && consumer.closeIfIdle()) {
                consumers.remove(group, consumer);
                metrics.released();
                log.info("Released idle consumer {}", group);
            }
        });
    }

    @Override
    public void start() {
        draining = false;
        sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("consumer-sweeper").factory());
        long every = properties.getIdleCheckInterval().toMillis();
        sweeper.scheduleWithFixedDelay(this::releaseIdle, every, every, TimeUnit.MILLISECONDS);
        running = true;
    }

    /** After the web server finished the requests in flight: close every consumer, leaving its group at once. */
    @Override
    public void stop() {
        running = false;
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        consumers.values().forEach(PluginConsumer::close);
        consumers.clear();
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
