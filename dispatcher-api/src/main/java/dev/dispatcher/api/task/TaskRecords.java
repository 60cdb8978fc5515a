package dev.dispatcher.api.task;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.dispatcher.common.event.EventJson;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import tools.jackson.databind.JsonNode;

/**
 * The records of the task topics. On the compacted tracking topic, all in the partition of the task's
 * id ({@link TaskId#partition}): {@code task:<id>} holds the task (plugin, event, attempt, deadline),
 * {@code beat:<id>} the deadline its last heartbeat set; a task ends with a tombstone of both, whose
 * {@value #STATUS} header says why. On the redelivery topic, keyed by the plugin's consumer group: the
 * event as stored, with {@value #GROUP}, {@value #TASK} (the id it was last handed out under) and
 * {@value #ATTEMPT} (the attempt it is handed out as next) headers.
 */
public final class TaskRecords {

    public static final String TASK_KEY = "task:";
    public static final String BEAT_KEY = "beat:";
    /** Tombstone header: the final status that ended the task, or {@value #REDELIVERED}. */
    public static final String STATUS = "dispatcher-status";
    /** The task was handed out again under a new id: the old id ends without an outcome. */
    public static final String REDELIVERED = "redelivered";
    public static final String GROUP = "dispatcher-group";
    public static final String TASK = "dispatcher-task";
    public static final String ATTEMPT = "dispatcher-attempt";

    /** A task waiting for a final status ({@value #OUT}) or for its plugin to fetch it again ({@value #QUEUED}). */
    public static final String OUT = "out";
    public static final String QUEUED = "queued";

    private TaskRecords() {
    }

    /** The tracking record's fields, {@code event} aside (the event is spliced in as stored). */
    public record Meta(String task, String group, String plugin, String version, int attempt, long deadline,
                       @JsonProperty("handed_out") long handedOut, String state) {
    }

    /** A tracking record as read back. */
    public record Task(String task, String group, String plugin, String version, int attempt, long deadline,
                       @JsonProperty("handed_out") long handedOut, String state, JsonNode event) {

        Task withDeadline(long deadline) {
            return new Task(task, group, plugin, version, attempt, deadline, handedOut, state, event);
        }
    }

    /** A heartbeat's record value. */
    public record Beat(long deadline) {
    }

    static ProducerRecord<String, byte[]> task(String topic, int partitions, Meta meta, byte[] event) {
        byte[] head = EventJson.mapper().writeValueAsBytes(meta);
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length + event.length + 16);
        out.write(head, 0, head.length - 1); // without its closing brace
        out.writeBytes(",\"event\":".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(event);
        out.write('}');
        return new ProducerRecord<>(topic, TaskId.partition(meta.task(), partitions), TASK_KEY + meta.task(), out.toByteArray());
    }

    static ProducerRecord<String, byte[]> beat(String topic, int partitions, String id, long deadline) {
        return new ProducerRecord<>(topic, TaskId.partition(id, partitions), BEAT_KEY + id,
                EventJson.mapper().writeValueAsBytes(new Beat(deadline)));
    }

    /** The end of a task: tombstones of its record and of its heartbeat, carrying why. */
    static ProducerRecord<String, byte[]> end(String topic, int partitions, String key, String id, String status) {
        Headers headers = new RecordHeaders(new Header[] {new RecordHeader(STATUS, status.getBytes(StandardCharsets.UTF_8))});
        return new ProducerRecord<>(topic, TaskId.partition(id, partitions), key + id, null, headers);
    }

    static ProducerRecord<String, byte[]> redelivery(String topic, Task task, int attempt) {
        Headers headers = new RecordHeaders(new Header[] {
                new RecordHeader(GROUP, task.group().getBytes(StandardCharsets.UTF_8)),
                new RecordHeader(TASK, task.task().getBytes(StandardCharsets.UTF_8)),
                new RecordHeader(ATTEMPT, Integer.toString(attempt).getBytes(StandardCharsets.UTF_8))});
        return new ProducerRecord<>(topic, null, task.group(), EventJson.mapper().writeValueAsBytes(task.event()), headers);
    }

    /** A header's value as text, or null. */
    public static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
