package dev.dispatcher.api.publish;

import dev.dispatcher.api.publish.PublishIntake.OutgoingRecord;
import dev.dispatcher.common.event.EventHeaders;
import dev.dispatcher.common.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Hands records to the publish producer and, with {@code sync}, waits for the broker's
 * acknowledgement of every one; a broker that cannot take them makes the request a 503.
 */
@Component
class EventPublisher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);

    /** The entity tag of task tracking records that failed (they follow statuses; see {@link #write(List, List, boolean)}). */
    static final String TASK_TRACKING = "task-tracking";
    private static final Executor AFTERWARDS = Executors.newVirtualThreadPerTaskExecutor();

    private final KafkaProducer<String, byte[]> producer;
    private final PublishProperties properties;
    private final PublishMetrics metrics;

    EventPublisher(KafkaProducer<String, byte[]> publishProducer, PublishProperties properties, PublishMetrics metrics) {
        this.producer = publishProducer;
        this.properties = properties;
        this.metrics = metrics;
    }

    /**
     * Writes {@code records} in order. Without {@code sync} it returns once every record is handed to
     * the producer; failures after that are logged and counted ({@code reason="send_failed"}).
     *
     * @throws ApiException 503 {@code kafka_unavailable} when the producer cannot get the topics'
     *                      metadata within {@code max-block}, refuses a record, or (with {@code sync})
     *                      a record is not acknowledged within {@code send-timeout}; none of the
     *                      records is then claimed as written
     */
    void write(List<OutgoingRecord> records, boolean sync) {
        write(records, List.of(), sync);
    }

    /**
     * Writes {@code records} as {@link #write(List, boolean)} does, then, once every one of them is
     * acknowledged, {@code afterwards} (what statuses tell the deadline watcher: it must never learn of
     * a task's end before the status that ended it is written). With {@code sync} it waits for those
     * too. They are not part of what the request claims: one that fails is logged and counted, and its
     * task is at worst handed out again.
     */
    void write(List<OutgoingRecord> records, List<ProducerRecord<String, byte[]>> afterwards, boolean sync) {
        long deadline = System.nanoTime() + properties.getSendTimeout().toNanos();
        Set<String> topics = new LinkedHashSet<>();
        records.forEach(record -> topics.add(record.topic()));
        try {
            // One metadata wait per topic up front, so a broker that is down refuses the whole
            // request before any record is handed over.
            for (String topic : topics) {
                producer.partitionsFor(topic);
            }
        } catch (KafkaException | IllegalStateException e) {
            throw unavailable(records, "no metadata for the events' topics within "
                    + properties.getMaxBlock().toMillis() + " ms", e);
        }
        var acks = new ArrayList<CompletableFuture<RecordMetadata>>(records.size());
        try {
            for (OutgoingRecord record : records) {
                acks.add(send(record));
            }
        } catch (KafkaException | IllegalStateException e) {
            throw unavailable(records, "the producer refused a record", e);
        }
        if (!sync) {
            // Failures found while handing over (e.g. metadata lost meanwhile) complete the future at once.
            for (CompletableFuture<RecordMetadata> ack : acks) {
                if (ack.isCompletedExceptionally()) {
                    throw unavailable(records, "the producer refused a record", cause(ack));
                }
            }
            if (!afterwards.isEmpty()) {
                CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                        .thenRunAsync(() -> sendAfterwards(afterwards, deadline), AFTERWARDS)
                        .exceptionally(failure -> {
                            log.warn("Task records not sent: the statuses before them were not written ({})", describe(failure));
                            return null;
                        });
            }
            return;
        }
        for (CompletableFuture<RecordMetadata> ack : acks) {
            try {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw unavailable(records, "no acknowledgement from Kafka within "
                        + properties.getSendTimeout().toMillis() + " ms", null);
            } catch (ExecutionException e) {
                throw unavailable(records, "Kafka did not write a record", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unavailable(records, "interrupted while waiting for Kafka", e);
            }
        }
        if (!afterwards.isEmpty()) {
            sendAfterwards(afterwards, deadline);
        }
    }

    private void sendAfterwards(List<ProducerRecord<String, byte[]>> afterwards, long deadline) {
        var acks = new ArrayList<CompletableFuture<RecordMetadata>>(afterwards.size());
        try {
            for (ProducerRecord<String, byte[]> record : afterwards) {
                var ack = new CompletableFuture<RecordMetadata>();
                producer.send(record, (metadata, failure) -> {
                    if (failure == null) {
                        ack.complete(metadata);
                    } else {
                        ack.completeExceptionally(failure);
                    }
                });
                acks.add(ack);
            }
            for (CompletableFuture<RecordMetadata> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            afterwardsFailed(afterwards, e);
        } catch (Exception e) {
            afterwardsFailed(afterwards, e instanceof ExecutionException ? e.getCause() : e);
        }
    }

    private void afterwardsFailed(List<ProducerRecord<String, byte[]>> afterwards, Throwable failure) {
        metrics.failed(TASK_TRACKING, PublishMetrics.SEND_FAILED);
        log.warn("Kafka did not write {} task tracking record(s) for statuses already written ({}); "
                + "those tasks may be handed out again", afterwards.size(), describe(failure));
    }

    private CompletableFuture<RecordMetadata> send(OutgoingRecord record) {
        var ack = new CompletableFuture<RecordMetadata>();
        long start = System.nanoTime();
        ProducerRecord<String, byte[]> outgoing = new ProducerRecord<>(record.topic(), record.key(), record.value());
        if (record.shape() != null) {
            outgoing.headers().add(EventHeaders.SHAPE, record.shape().getBytes(StandardCharsets.UTF_8));
        }
        producer.send(outgoing, (metadata, failure) -> {
            if (failure == null) {
                if (record.entity() != null) {
                    metrics.published(record.plugin(), record.entity(), System.nanoTime() - start);
                }
                ack.complete(metadata);
            } else {
                if (record.entity() != null) {
                    metrics.failed(record.entity(), PublishMetrics.SEND_FAILED);
                }
                log.warn("Kafka did not write the record with key {} to {}: {}", record.key(), record.topic(), describe(failure));
                ack.completeExceptionally(failure);
            }
        });
        return ack;
    }

    private ApiException unavailable(List<OutgoingRecord> records, String what, Throwable cause) {
        records.stream().filter(record -> record.entity() != null)
                .forEach(record -> metrics.failed(record.entity(), PublishMetrics.KAFKA_UNAVAILABLE));
        String detail = "Kafka is unavailable: " + what + (cause == null ? "" : " (" + describe(cause) + ")")
                + ". None of the events is claimed as written; publish them again later.";
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, PublishMetrics.KAFKA_UNAVAILABLE, detail, Map.of());
    }

    private static Throwable cause(CompletableFuture<?> failed) {
        try {
            failed.join();
            return null;
        } catch (RuntimeException e) {
            return e.getCause() == null ? e : e.getCause();
        }
    }

    private static String describe(Throwable failure) {
        return failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    }

    /** Gives records in flight up to {@code send-timeout} to reach the broker, then closes the producer. */
    @Override
    public void destroy() {
        Duration timeout = properties.getSendTimeout();
        log.info("Closing the publish producer (waiting up to {} ms for records in flight)", timeout.toMillis());
        producer.close(timeout);
    }
}
