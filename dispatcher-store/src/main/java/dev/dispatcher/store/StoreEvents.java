package dev.dispatcher.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells the platform what the store did: one small JSON record per stored or deleted blob on
 * {@code system.stream-events}, keyed by sha256, sent with {@code acks=all}. A caller's request waits for
 * the acknowledgement, so a 200 means the event is in Kafka.
 */
public class StoreEvents implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StoreEvents.class);

    /** The record's value (docs/streams-api.md). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StoreEvent(String action, String source, String label, String sha256, Long size, String key,
                             String backend, Boolean created, String client, String timestamp) {
    }

    /** Kafka did not take the event in time. */
    public static class EventsUnavailableException extends RuntimeException {
        EventsUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final Duration timeout;
    private final String backend;
    private final StoreMetrics metrics;
    private final JsonMapper json = JsonMapper.builder().build();

    public StoreEvents(Producer<String, byte[]> producer, String topic, Duration timeout, String backend,
                       StoreMetrics metrics) {
        this.producer = producer;
        this.topic = topic;
        this.timeout = timeout;
        this.backend = backend;
        this.metrics = metrics;
    }

    /** A blob was stored ({@code created}) or was there already. */
    public void stored(String source, String label, String sha256, long size, String key, boolean created, String client) {
        send(new StoreEvent("stored", source, label, sha256, size, key, backend, created, client, Instant.now().toString()));
    }

    /** A blob is being deleted. */
    public void deleted(String source, String label, String sha256, String key, String client) {
        send(new StoreEvent("deleted", source, label, sha256, null, key, backend, null, client, Instant.now().toString()));
    }

    private void send(StoreEvent event) {
        try {
            producer.send(new ProducerRecord<>(topic, event.sha256(), json.writeValueAsBytes(event)))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            metrics.event(event.action(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            metrics.event(event.action(), false);
            throw new EventsUnavailableException("interrupted while sending the store event", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            metrics.event(event.action(), false);
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            log.warn("store event for {} not acknowledged by Kafka: {}", event.key(), cause.toString());
            throw new EventsUnavailableException("Kafka did not acknowledge the store event", cause);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
