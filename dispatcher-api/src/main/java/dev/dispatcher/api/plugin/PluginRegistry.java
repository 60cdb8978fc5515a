package dev.dispatcher.api.plugin;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.dispatcher.common.event.EventJson;
import dev.dispatcher.common.topic.TopicPlan;
import dev.dispatcher.common.topic.TopicProvisioner;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The plugins registered with the platform: every {@code plugin} event on the plugin topic, the
 * latest per Kafka key ({@code <name>.<version>}) winning.
 *
 * <p>Each replica reads the whole topic on its own, from the beginning and then as it grows, with
 * no consumer group: every replica must know every plugin, and nothing is committed. The reader
 * waits for topic provisioning, and reconnects with a pause when the broker fails it; what it has
 * read stays served meanwhile.
 */
public final class PluginRegistry implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PluginRegistry.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);
    private static final Comparator<PluginRegistration> ORDER =
            Comparator.comparing(PluginRegistration::name).thenComparing(PluginRegistration::version)
                    .thenComparing(PluginRegistration::key);

    private final String topic;
    private final TopicProvisioner provisioner;
    private final KafkaProperties kafka;
    private final PluginProperties properties;
    private final PluginMetrics metrics;

    /** Only the reader thread touches this; readers of the registry see {@link #snapshot}. */
    private final Map<String, PluginRegistration> byKey = new HashMap<>();
    private volatile List<PluginRegistration> snapshot = List.of();
    private volatile boolean caughtUp;
    private volatile boolean running;
    private volatile CountDownLatch stopped = new CountDownLatch(1);
    private volatile Thread reader;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    PluginRegistry(TopicPlan plan, TopicProvisioner provisioner, KafkaProperties kafka, PluginProperties properties,
                   MeterRegistry registry) {
        this.topic = plan.layout().system("plugin");
        this.provisioner = provisioner;
        this.kafka = kafka;
        this.properties = properties;
        this.metrics = new PluginMetrics(registry, () -> snapshot.size());
    }

    /** Every known registration, by name then version; an immutable snapshot, safe from any thread. */
    public List<PluginRegistration> registrations() {
        return snapshot;
    }

    /** True once the reader has read the topic up to where it ended when the reader (re)connected. */
    public boolean caughtUp() {
        return caughtUp;
    }

    PluginMetrics metrics() {
        return metrics;
    }

    @Override
    public void start() {
        running = true;
        stopped = new CountDownLatch(1);
        reader = Thread.ofPlatform().daemon().name("plugin-registry").start(this::run);
    }

    /** Wakes the reader wherever it waits and lets it close its consumer; interrupts only a reader that does not end. */
    @Override
    public void stop() {
        running = false;
        stopped.countDown();
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t = reader;
        if (t != null && t != Thread.currentThread()) {
            try {
                if (!t.join(properties.getPollTimeout().plus(CLOSE_TIMEOUT).plusSeconds(5))) {
                    t.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        reader = null;
    }

    @Override
    public boolean isRunning() {
        return reader != null;
    }

    private void run() {
        try {
            while (running && !provisioner.awaitReady(properties.getPollTimeout())) {
                log.debug("Plugin registry waits for topic provisioning");
            }
            while (running) {
                KafkaConsumer<byte[], byte[]> c = null;
                try {
                    c = new KafkaConsumer<>(consumerConfig());
                    consumer = c;
                    read(c);
                } catch (WakeupException e) {
                    return; // stopping
                } catch (KafkaException e) {
                    if (!running) {
                        return;
                    }
                    metrics.readerError();
                    log.warn("Plugin registry lost {}: {}; reconnecting in {}s", topic, e.toString(),
                            properties.getRetryBackoff().toSeconds());
                    pause(properties.getRetryBackoff());
                } finally {
                    consumer = null;
                    close(c);
                }
            }
        } catch (InterruptedException e) {
            // stopping
        }
    }

    private static void close(KafkaConsumer<byte[], byte[]> c) {
        if (c == null) {
            return;
        }
        try {
            c.close(CloseOptions.timeout(CLOSE_TIMEOUT));
        } catch (KafkaException e) {
            log.debug("Plugin registry consumer did not close cleanly: {}", e.toString());
        }
    }

    /** Sleeps, unless the registry is stopped meanwhile. */
    private void pause(Duration time) throws InterruptedException {
        stopped.await(time.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void read(KafkaConsumer<byte[], byte[]> c) throws InterruptedException {
        Set<TopicPartition> assigned = new HashSet<>();
        while (running && assigned.isEmpty()) {
            assigned.addAll(assignNew(c, assigned));
            if (assigned.isEmpty()) {
                log.warn("Plugin topic {} has no partitions yet; looking again in {}s", topic, properties.getRetryBackoff().toSeconds());
                pause(properties.getRetryBackoff());
            }
        }
        Map<TopicPartition, Long> ends = c.endOffsets(assigned);
        long nextPartitionCheck = System.nanoTime() + properties.getPartitionCheckInterval().toNanos();
        while (running) {
            ConsumerRecords<byte[], byte[]> records = c.poll(properties.getPollTimeout());
            if (!records.isEmpty()) {
                apply(records);
            }
            if (!caughtUp && ends.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
                caughtUp = true;
                log.info("Plugin registry read {}: {} registrations", topic, snapshot.size());
            }
            if (System.nanoTime() > nextPartitionCheck) {
                assigned.addAll(assignNew(c, assigned));
                nextPartitionCheck = System.nanoTime() + properties.getPartitionCheckInterval().toNanos();
            }
        }
    }

    /** Assigns every partition of the topic, the new ones read from the beginning; returns the new ones. */
    private Set<TopicPartition> assignNew(KafkaConsumer<byte[], byte[]> c, Set<TopicPartition> assigned) {
        List<PartitionInfo> infos = c.partitionsFor(topic, properties.getPollTimeout().plusSeconds(10));
        Set<TopicPartition> all = infos == null ? Set.of()
                : infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toSet());
        Set<TopicPartition> added = new HashSet<>(all);
        added.removeAll(assigned);
        if (!added.isEmpty()) {
            Set<TopicPartition> next = new HashSet<>(assigned);
            next.addAll(added);
            c.assign(next);
            c.seekToBeginning(added);
            log.info("Plugin registry reads {} partitions of {} from the beginning", added.size(), topic);
        }
        return added;
    }

    private void apply(ConsumerRecords<byte[], byte[]> records) {
        for (ConsumerRecord<byte[], byte[]> record : records) {
            String key = record.key() == null ? null : new String(record.key(), UTF_8);
            if (record.value() == null) {
                if (key != null && byKey.remove(key) != null) {
                    metrics.removed();
                }
                continue;
            }
            PluginRegistration registration = parse(key, record.value());
            if (registration == null) {
                metrics.invalid();
                log.warn("Skipped an unreadable plugin registration at {}-{}@{}", record.topic(), record.partition(), record.offset());
                continue;
            }
            byKey.put(registration.key(), registration);
            metrics.accepted();
        }
        snapshot = byKey.values().stream().sorted(ORDER).toList();
    }

    /** A registration from one record, or null when it lacks {@code entity.name} or {@code entity.version}. */
    static PluginRegistration parse(String key, byte[] value) {
        JsonNode event;
        try {
            event = EventJson.mapper().readTree(value);
        } catch (JacksonException e) {
            return null;
        }
        if (event == null || !event.isObject()) {
            return null;
        }
        JsonNode entity = event.path("entity");
        JsonNode name = entity.path("name");
        JsonNode version = entity.path("version");
        if (!name.isString() || name.stringValue().isBlank() || !version.isString()) {
            return null;
        }
        JsonNode timestamp = event.path("timestamp");
        return new PluginRegistration(key != null ? key : name.stringValue() + "." + version.stringValue(),
                name.stringValue(), version.stringValue(), timestamp.isString() ? timestamp.stringValue() : null,
                PluginFilters.from(name.stringValue(), entity.path("config")));
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        // No group: every replica reads everything, and nothing is committed.
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_PROTOCOL_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "dispatcher-plugin-registry-" + Long.toHexString(System.nanoTime()));
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }
}
