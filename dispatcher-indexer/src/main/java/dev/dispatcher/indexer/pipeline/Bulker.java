package dev.dispatcher.indexer.pipeline;

import dev.dispatcher.indexer.IndexerMetrics;
import dev.dispatcher.indexer.IndexerProperties;
import dev.dispatcher.indexer.search.SearchClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One bulker instance: a consumer of its pipeline's group, one batch, one thread. It polls, turns messages into bulk
 * actions, and flushes on whichever comes first: the interval since the batch's first message, its size in bytes,
 * its count of messages, or shutdown. Offsets are committed only once every action of the batch was accepted by the
 * cluster or written to the dead-letter topic. While the cluster fails it keeps the batch, pauses consumption and
 * retries with exponential backoff and jitter, for as long as it takes: nothing is dropped.
 */
public final class Bulker implements Runnable {

    /** Headers of a dead-letter record. */
    public static final String REASON_HEADER = "dispatcher-dead-letter-reason";
    public static final String STATUS_HEADER = "dispatcher-dead-letter-status";
    public static final String TOPIC_HEADER = "dispatcher-dead-letter-topic";
    public static final String PARTITION_HEADER = "dispatcher-dead-letter-partition";
    public static final String OFFSET_HEADER = "dispatcher-dead-letter-offset";
    public static final String PIPELINE_HEADER = "dispatcher-dead-letter-pipeline";
    /** Set when the value was cut to {@link #DEAD_LETTER_VALUE_LIMIT}: the original size in bytes. */
    public static final String TRUNCATED_HEADER = "dispatcher-dead-letter-truncated";
    /**
     * Largest value written to the dead-letter topic, below Kafka's default 1 MB record limit: a dead letter that
     * Kafka refused would block its batch for good. Larger values (an oversized message) are cut, and the headers
     * say where the whole message is.
     */
    static final int DEAD_LETTER_VALUE_LIMIT = 768 * 1024;

    private static final Logger log = LoggerFactory.getLogger(Bulker.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Set<Integer> RETRIED_STATUSES = Set.of(429, 502, 503, 504);

    private final String pipeline;
    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> producer;
    private final String deadLetterTopic;
    private final MessageReader reader;
    private final SearchClient search;
    private final IndexerProperties properties;
    private final IndexerMetrics metrics;
    private final JsonMapper json;
    private final AtomicLong lag;
    private final AtomicLong paused;
    private final AtomicLong held;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile long stopDeadline = Long.MAX_VALUE;
    private final Batch batch = new Batch();

    Bulker(String pipeline, int instance, Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer,
           String deadLetterTopic, MessageReader reader, SearchClient search, IndexerProperties properties,
           IndexerMetrics metrics, JsonMapper json) {
        this.pipeline = pipeline;
        this.consumer = consumer;
        this.producer = producer;
        this.deadLetterTopic = deadLetterTopic;
        this.reader = reader;
        this.search = search;
        this.properties = properties;
        this.metrics = metrics;
        this.json = json;
        this.lag = metrics.lag(pipeline, instance);
        this.paused = metrics.paused(pipeline, instance);
        this.held = metrics.held(pipeline, instance);
    }

    /** Asks the loop to flush what it holds and stop; gives up on the last batch after the shutdown timeout. */
    public void stop() {
        stopDeadline = System.nanoTime() + properties.getShutdownFlushTimeout().toNanos();
        running.set(false);
    }

    @Override
    public void run() {
        try {
            while (running.get()) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    add(record);
                    if (batch.messages >= properties.getBulk().getMaxMessages()) {
                        flush("messages");
                    } else if (batch.bytes >= properties.getBulk().getMaxBytes().toBytes()) {
                        flush("bytes");
                    }
                }
                if (batch.messages > 0
                        && System.nanoTime() - batch.firstAt >= properties.getBulk().getFlushInterval().toNanos()) {
                    flush("interval");
                }
                updateLag();
                held.set(batch.messages);
            }
            if (batch.messages > 0) {
                flush("shutdown");
            }
        } catch (Abandoned e) {
            log.warn("indexer {}: stopped with a batch of {} messages the cluster did not take; they were not committed"
                    + " and will be indexed after the next start", pipeline, batch.messages);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void add(ConsumerRecord<byte[], byte[]> record) {
        if (batch.messages == 0) {
            batch.firstAt = System.nanoTime();
        }
        batch.messages++;
        batch.offsets.merge(new TopicPartition(record.topic(), record.partition()),
                new OffsetAndMetadata(record.offset() + 1), (a, b) -> a.offset() >= b.offset() ? a : b);
        long size = record.value() == null ? 0 : record.value().length;
        long limit = properties.getMaxMessageSize().toBytes();
        MessageReader.Read read = size > limit
                ? MessageReader.Read.rejected("message of " + size + " bytes is over the limit of " + limit + " bytes")
                : reader.read(record);
        if (read.rejection() != null) {
            batch.deadLetters.add(deadLetter(record, record.value(), read.rejection(), null, "unreadable"));
            batch.bytes += size;
            return;
        }
        for (BulkItem item : read.items()) {
            batch.items.add(item);
            batch.bytes += item.size();
        }
    }

    /** Sends the batch until every item is accepted or dead-lettered, writes its dead letters, commits its offsets. */
    private void flush(String reason) {
        metrics.flushed(pipeline, reason, batch.bytes, batch.messages);
        List<BulkItem> pending = batch.items;
        int attempt = 0;
        while (!pending.isEmpty()) {
            Attempt result = send(pending);
            pending = result.retry;
            if (!pending.isEmpty()) {
                metrics.bulkRetry(pipeline, result.why);
                backoff(attempt++, result.why);
            }
        }
        writeDeadLetters();
        commit();
        batch.clear();
    }

    /** One {@code _bulk} call over some items: what to send again, and why. */
    private Attempt send(List<BulkItem> items) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(items.stream().mapToInt(BulkItem::size).sum());
        items.forEach(item -> item.writeTo(body));
        long started = System.nanoTime();
        SearchClient.Response response;
        try {
            response = search.bulk(body.toByteArray());
        } catch (IOException e) {
            String why = e instanceof HttpTimeoutException ? "timeout" : "transport";
            metrics.bulkCall(pipeline, "error", Duration.ofNanos(System.nanoTime() - started));
            metrics.bulkError(pipeline, why);
            log.warn("indexer {}: _bulk of {} actions failed ({}): {}", pipeline, items.size(), why, e.toString());
            return new Attempt(items, why);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        int status = response.status();
        if (status != 200) {
            metrics.bulkCall(pipeline, "error", took);
            metrics.bulkError(pipeline, "status_" + status);
            if ((status == 400 || status == 413) && items.size() > 1) {
                // The cluster refused the request as a whole; halves find the item it cannot take.
                List<BulkItem> retry = new ArrayList<>(send(items.subList(0, items.size() / 2)).retry);
                retry.addAll(send(items.subList(items.size() / 2, items.size())).retry);
                return new Attempt(retry, "status_" + status);
            }
            if (status == 400 || status == 413) {
                log.warn("indexer {}: the cluster refused an action ({}), to the dead-letter topic {}: {}", pipeline,
                        status, deadLetterTopic, response.text());
                batch.deadLetters.add(deadLetter(items.getFirst().record(), items.getFirst().ndjson(),
                        "request refused: " + response.text(), status, "rejected"));
                metrics.failedDocument(pipeline, "status_" + status);
                return new Attempt(List.of(), null);
            }
            log.warn("indexer {}: _bulk of {} actions answered {}: {}", pipeline, items.size(), status, response.text());
            return new Attempt(items, "status_" + status);
        }
        return items(items, response, took);
    }

    /** Reads the per-item results of a 200 answer. */
    private Attempt items(List<BulkItem> items, SearchClient.Response response, Duration took) {
        JsonNode results;
        try {
            results = json.readTree(response.body()).path("items");
        } catch (JacksonException e) {
            results = null;
        }
        if (results == null || !results.isArray() || results.size() != items.size()) {
            metrics.bulkCall(pipeline, "error", took);
            metrics.bulkError(pipeline, "unreadable_response");
            log.warn("indexer {}: _bulk answer does not list {} items: {}", pipeline, items.size(), response.text());
            return new Attempt(items, "unreadable_response");
        }
        List<BulkItem> retry = new ArrayList<>();
        int accepted = 0;
        int rejected = 0;
        String example = null;
        for (int i = 0; i < items.size(); i++) {
            JsonNode result = results.get(i);
            if (!result.isObject() || result.isEmpty()) {
                retry.add(items.get(i));
                continue;
            }
            String type = result.propertyNames().iterator().next();
            JsonNode item = result.path(type);
            int status = item.path("status").asInt(0);
            if ((status >= 200 && status < 300) || (type.equals("delete") && status == 404)) {
                accepted++;
            } else if (RETRIED_STATUSES.contains(status)) {
                retry.add(items.get(i));
            } else {
                JsonNode error = item.path("error");
                String errorType = error.path("type").asString("status_" + status);
                String why = errorType + ": " + error.path("reason").asString(error.toString());
                batch.deadLetters.add(deadLetter(items.get(i).record(), items.get(i).ndjson(), why, status, "rejected"));
                metrics.failedDocument(pipeline, errorType);
                rejected++;
                example = example == null ? why : example;
            }
        }
        if (rejected > 0) {
            log.warn("indexer {}: the cluster rejected {} of {} actions, to the dead-letter topic {}; first: {}",
                    pipeline, rejected, items.size(), deadLetterTopic, example);
        }
        metrics.indexed(pipeline, accepted);
        metrics.bulkCall(pipeline, retry.isEmpty() && accepted == items.size() ? "ok" : "items_failed", took);
        return new Attempt(retry, retry.isEmpty() ? null : "items_429");
    }

    private ProducerRecord<byte[], byte[]> deadLetter(ConsumerRecord<byte[], byte[]> from, byte[] value, String reason,
                                                      Integer status, String cause) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        if (status != null) {
            headers.add(STATUS_HEADER, status.toString().getBytes(StandardCharsets.UTF_8));
        }
        headers.add(TOPIC_HEADER, from.topic().getBytes(StandardCharsets.UTF_8));
        headers.add(PARTITION_HEADER, Integer.toString(from.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add(OFFSET_HEADER, Long.toString(from.offset()).getBytes(StandardCharsets.UTF_8));
        headers.add(PIPELINE_HEADER, cause.getBytes(StandardCharsets.UTF_8));
        if (value != null && value.length > DEAD_LETTER_VALUE_LIMIT) {
            headers.add(TRUNCATED_HEADER, Integer.toString(value.length).getBytes(StandardCharsets.UTF_8));
            value = Arrays.copyOf(value, DEAD_LETTER_VALUE_LIMIT);
        }
        return new ProducerRecord<>(deadLetterTopic, null, from.key(), value, headers);
    }

    /** Writes the batch's dead letters, again and again until Kafka has them all. */
    private void writeDeadLetters() {
        if (batch.deadLetters.isEmpty()) {
            return;
        }
        int attempt = 0;
        while (true) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            try {
                batch.deadLetters.forEach(record -> sent.add(producer.send(record)));
                for (Future<RecordMetadata> future : sent) {
                    future.get(30, TimeUnit.SECONDS);
                }
                for (ProducerRecord<byte[], byte[]> record : batch.deadLetters) {
                    metrics.deadLetter(pipeline, new String(record.headers().lastHeader(PIPELINE_HEADER).value(),
                            StandardCharsets.UTF_8));
                }
                return;
            } catch (ExecutionException | TimeoutException | KafkaException e) {
                log.warn("indexer {}: could not write {} dead letters to {}: {}", pipeline, batch.deadLetters.size(),
                        deadLetterTopic, e.toString());
                backoff(attempt++, "dead_letter");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Abandoned();
            }
        }
    }

    private void commit() {
        Set<TopicPartition> assigned = consumer.assignment();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        batch.offsets.forEach((partition, offset) -> {
            if (assigned.contains(partition)) {
                offsets.put(partition, offset);
            }
        });
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets);
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // The partitions moved while the batch was out; their new owner reads these messages again, and
            // indexes them under the same _id. At least once, never lost.
            log.warn("indexer {}: commit after a rebalance failed ({}); the new owner re-reads those messages",
                    pipeline, e.toString());
        }
    }

    /**
     * Waits before the next attempt with consumption paused: polls keep the group membership, but return nothing.
     * Records of partitions assigned meanwhile are put back (seek) and those partitions paused too.
     */
    private void backoff(int attempt, String why) {
        long initial = properties.getRetry().getInitialBackoff().toMillis();
        long max = properties.getRetry().getMaxBackoff().toMillis();
        long ceiling = Math.min(max, initial << Math.min(attempt, 20));
        long wait = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(wait);
        paused.set(1);
        try {
            while (System.nanoTime() < until) {
                if (!running.get() && System.nanoTime() > stopDeadline) {
                    throw new Abandoned();
                }
                consumer.pause(consumer.assignment());
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofNanos(
                        Math.max(1, Math.min(POLL.toNanos(), until - System.nanoTime()))));
                Set<TopicPartition> returned = new HashSet<>();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (returned.add(partition)) {
                        consumer.seek(partition, record.offset());
                    }
                }
            }
        } finally {
            consumer.resume(consumer.paused());
            paused.set(0);
        }
        log.debug("indexer {}: retrying after {} ms ({})", pipeline, wait, why);
    }

    private void updateLag() {
        long total = 0;
        for (TopicPartition partition : consumer.assignment()) {
            total += consumer.currentLag(partition).orElse(0);
        }
        lag.set(total);
    }

    private record Attempt(List<BulkItem> retry, String why) {
    }

    /** The last batch could not be flushed before the shutdown timeout. */
    private static final class Abandoned extends RuntimeException {
        Abandoned() {
            super(null, null, false, false);
        }
    }

    private static final class Batch {
        final List<BulkItem> items = new ArrayList<>();
        final List<ProducerRecord<byte[], byte[]>> deadLetters = new ArrayList<>();
        final Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        long bytes;
        int messages;
        long firstAt;

        void clear() {
            items.clear();
            deadLetters.clear();
            offsets.clear();
            bytes = 0;
            messages = 0;
        }
    }
}
