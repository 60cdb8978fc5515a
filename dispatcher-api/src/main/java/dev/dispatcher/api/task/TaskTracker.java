package dev.dispatcher.api.task;

import dev.dispatcher.api.task.TaskRecords.Task;
import dev.dispatcher.common.event.StatusType;
import dev.dispatcher.common.topic.TopicLayout;
import dev.dispatcher.common.web.ApiException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.http.HttpStatus;

/**
 * Writes what replicas tell the deadline watcher: a tracking record per task handed out (before the
 * fetch answers), a heartbeat's new deadline, and the end of a task.
 */
public final class TaskTracker {

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final TaskProperties properties;
    private final TaskMetrics metrics;
    private final Duration sendTimeout;
    private volatile int partitions;

    TaskTracker(Producer<String, byte[]> producer, TopicLayout layout, TaskProperties properties, TaskMetrics metrics,
                Duration sendTimeout) {
        this.producer = producer;
        this.topic = layout.name(TopicLayout.TASK_TRACKING);
        this.properties = properties;
        this.metrics = metrics;
        this.sendTimeout = sendTimeout;
    }

    /**
     * One event a fetch is about to hand out.
     *
     * @param kafkaKey   the event's key, the start of its task id
     * @param topic      where the event was read from: topic, partition and offset of its record
     * @param attempt    1, or the attempt a redelivery is handed out as
     * @param previousId for a redelivery, the id it was last handed out under (ended here), else null
     */
    public record Offer(String kafkaKey, String topic, int partition, long offset, int attempt, String previousId) {
    }

    /**
     * Gives each offer its task id and writes their tracking records, returning once Kafka has them all.
     *
     * @return the task ids, in the offers' order
     * @throws ApiException 503 when Kafka does not take them within the publish send timeout; the fetch
     *                      then hands nothing out, and its events stay where they were
     */
    public List<String> handOut(String plugin, String version, String group, List<Offer> offers) {
        if (offers.isEmpty()) {
            return List.of();
        }
        long now = System.currentTimeMillis();
        long deadline = now + properties.getDeadline().toMillis();
        int count = partitions();
        List<String> ids = new ArrayList<>(offers.size());
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(offers.size());
        for (Offer offer : offers) {
            String id = TaskId.make(offer.kafkaKey(), plugin, version, offer.attempt(), now / 1000);
            ids.add(id);
            records.add(TaskRecords.task(topic, count, new Task(id, group, plugin, version, offer.attempt(), deadline, now,
                    TaskRecords.OUT, offer.topic(), offer.partition(), offer.offset())));
            if (offer.previousId() != null) {
                records.add(TaskRecords.end(topic, count, TaskRecords.TASK_KEY, offer.previousId(), TaskRecords.REDELIVERED));
                records.add(TaskRecords.end(topic, count, TaskRecords.BEAT_KEY, offer.previousId(), TaskRecords.REDELIVERED));
            }
        }
        write(records);
        int again = (int) offers.stream().filter(offer -> offer.attempt() > 1).count();
        metrics.handedOut(plugin, offers.size() - again, again);
        return ids;
    }

    /**
     * What a status for task {@code id} tells the watcher: a heartbeat's new deadline, or (any final
     * status) the end of the task. Progress statuses other than heartbeat change nothing.
     */
    public List<ProducerRecord<String, byte[]>> outcome(String id, StatusType status) {
        int count = partitions();
        if (status == StatusType.HEARTBEAT) {
            return List.of(TaskRecords.beat(topic, count, id, System.currentTimeMillis() + properties.getDeadline().toMillis()));
        }
        if (!status.isFinal()) {
            return List.of();
        }
        return List.of(TaskRecords.end(topic, count, TaskRecords.TASK_KEY, id, status.wireName()),
                TaskRecords.end(topic, count, TaskRecords.BEAT_KEY, id, status.wireName()));
    }

    /** Sends a record without waiting for it. */
    void send(ProducerRecord<String, byte[]> record) {
        producer.send(record);
    }

    /** Sends {@code records} and waits (bounded) for every acknowledgement; where Kafka put them, in order. */
    List<RecordMetadata> write(List<ProducerRecord<String, byte[]>> records) {
        long until = System.nanoTime() + sendTimeout.toNanos();
        List<CompletableFuture<RecordMetadata>> acks = new ArrayList<>(records.size());
        try {
            for (ProducerRecord<String, byte[]> record : records) {
                CompletableFuture<RecordMetadata> ack = new CompletableFuture<>();
                producer.send(record, (metadata, failure) -> {
                    if (failure == null) {
                        ack.complete(metadata);
                    } else {
                        ack.completeExceptionally(failure);
                    }
                });
                acks.add(ack);
            }
            List<RecordMetadata> written = new ArrayList<>(acks.size());
            for (CompletableFuture<RecordMetadata> ack : acks) {
                written.add(ack.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
            return written;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        } catch (Exception e) {
            throw unavailable(e);
        }
    }

    /** The tracking topic's partition count, asked once (the topic must keep it: ids are placed by it). */
    int partitions() {
        int count = partitions;
        if (count == 0) {
            try {
                count = producer.partitionsFor(topic).size();
            } catch (RuntimeException e) {
                throw unavailable(e);
            }
            partitions = count;
        }
        return count;
    }

    private static ApiException unavailable(Exception cause) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "kafka_unavailable",
                "Kafka did not take the task tracking records (" + cause.getClass().getSimpleName()
                        + "); nothing was handed out, retry shortly.", Map.of());
    }
}
