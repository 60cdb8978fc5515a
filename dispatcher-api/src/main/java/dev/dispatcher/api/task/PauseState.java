package dev.dispatcher.api.task;

import dev.dispatcher.common.event.EventJson;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.JsonNode;

/**
 * The plugin pause every replica honours: the latest {@code pause-plugins} control record
 * ({@code pause_plugins=true} on a publish), read by each replica from the compacted control topic
 * (every partition, no consumer group) from its beginning and then as it grows.
 */
public final class PauseState implements SmartLifecycle {

    /** Key of the control record a {@code pause_plugins=true} publish writes. */
    public static final String PAUSE_KEY = "pause-plugins";

    private static final Logger log = LoggerFactory.getLogger(PauseState.class);
    private static final Duration CATCH_UP = Duration.ofSeconds(10);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private volatile long sinceMillis = Long.MIN_VALUE;
    private volatile long untilMillis = Long.MIN_VALUE;
    private volatile boolean running;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private Thread reader;

    PauseState(KafkaConsumer<String, byte[]> consumer, String topic) {
        this.consumer = consumer;
        this.topic = topic;
    }

    /**
     * Whether active task delivery is paused now. Until this replica has read the control topic to
     * its end once, waits for that (at most {@link #CATCH_UP}): a replica that just started must not
     * hand out tasks during a pause.
     */
    public boolean paused() {
        if (caughtUp.getCount() > 0) {
            try {
                caughtUp.await(CATCH_UP.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return System.currentTimeMillis() < untilMillis;
    }

    /** How long the pause still lasts (zero when not paused). */
    public Duration remaining() {
        return Duration.ofMillis(Math.max(0, untilMillis - System.currentTimeMillis()));
    }

    /** Whether an event written at {@code timestampMillis} was published during the latest pause. */
    public boolean publishedDuringPause(long timestampMillis) {
        return timestampMillis >= sinceMillis && timestampMillis < untilMillis;
    }

    @Override
    public void start() {
        running = true;
        reader = Thread.ofPlatform().daemon().name("pause-reader").start(this::run);
    }

    private void run() {
        try {
            List<TopicPartition> partitions = List.of();
            while (running && partitions.isEmpty()) {
                try {
                    // Empty until topic provisioning (asynchronous, retried) has made the control topic.
                    partitions = consumer.partitionsFor(topic, CATCH_UP).stream()
                            .map(p -> new TopicPartition(topic, p.partition())).toList();
                } catch (WakeupException e) {
                    return;
                } catch (KafkaException e) {
                    log.debug("Control topic not available yet: {}", e.toString());
                }
                if (partitions.isEmpty()) {
                    Thread.sleep(500);
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = null;
            while (running) {
                try {
                    if (ends == null) {
                        ends = consumer.endOffsets(partitions, CATCH_UP);
                    }
                    consumer.poll(Duration.ofMillis(500)).forEach(this::apply);
                    if (caughtUp.getCount() > 0 && ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                        caughtUp.countDown();
                    }
                } catch (WakeupException e) {
                    // stopping
                } catch (KafkaException e) {
                    log.warn("Reading the control topic failed, retrying: {}", e.toString());
                    Thread.sleep(1000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (!PAUSE_KEY.equals(record.key()) || record.value() == null) {
            return;
        }
        try {
            JsonNode value = EventJson.mapper().readTree(record.value());
            long until = Instant.parse(value.path("paused_until").asString()).toEpochMilli();
            long since = Instant.parse(value.path("requested_at").asString()).toEpochMilli();
            sinceMillis = since;
            untilMillis = until;
            if (System.currentTimeMillis() < until) {
                log.info("Active task delivery paused until {} (asked by {})", value.path("paused_until").asString(),
                        value.path("requested_by").asString());
            }
        } catch (RuntimeException e) {
            log.warn("Ignoring an unreadable pause record at {}@{}: {}", record.partition(), record.offset(), e.toString());
        }
    }

    @Override
    public void stop() {
        running = false;
        consumer.wakeup();
        if (reader != null) {
            try {
                reader.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
