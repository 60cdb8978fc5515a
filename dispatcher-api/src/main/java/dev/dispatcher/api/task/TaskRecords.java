package dev.dispatcher.api.task;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.dispatcher.common.event.EventJson;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import java.util.function.Function;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The records of the task topics. On the compacted tracking topic, all in the partition of the task's
 * id ({@link TaskId#partition}): {@code task:<id>} holds the task (plugin, attempt, deadline, where its event is),
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

    /**
     * A tracking record: the task, and where its event is ({@code topic}, {@code partition},
     * {@code offset}: the record a fetch handed out, in a binary topic, {@code system.expedite} or the
     * redelivery topic). The event itself is not copied: it is read back from there only when the
     * task is due again, which keeps tracking records small (about 300 bytes).
     */
    public record Task(String task, String group, String plugin, String version, int attempt, long deadline,
                       @JsonProperty("handed_out") long handedOut, String state, String topic, int partition, long offset) {

        Task withDeadline(long deadline) {
            return new Task(task, group, plugin, version, attempt, deadline, handedOut, state, topic, partition, offset);
        }

        Task queuedAgain(long deadline) {
            return new Task(task, group, plugin, version, attempt + 1, deadline, handedOut, QUEUED, topic, partition, offset);
        }
    }

    /**
     * Reads a tracking record with one pass of the tokenizer.
     *
     * @param strings makes the repeated values (group, plugin, version, state, topic) share one instance
     */
    static Task readTask(byte[] value, Function<String, String> strings) {
        String task = null;
        String group = null;
        String plugin = null;
        String version = null;
        String state = null;
        String topic = null;
        int attempt = 0;
        int partition = -1;
        long deadline = 0;
        long handedOut = 0;
        long offset = -1;
        try (JsonParser parser = EventJson.mapper().createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                JsonToken token = parser.nextToken();
                switch (name) {
                    case "task" -> task = parser.getString();
                    case "group" -> group = strings.apply(parser.getString());
                    case "plugin" -> plugin = strings.apply(parser.getString());
                    case "version" -> version = strings.apply(parser.getString());
                    case "state" -> state = strings.apply(parser.getString());
                    case "topic" -> topic = strings.apply(parser.getString());
                    case "attempt" -> attempt = parser.getIntValue();
                    case "partition" -> partition = parser.getIntValue();
                    case "deadline" -> deadline = parser.getLongValue();
                    case "handed_out" -> handedOut = parser.getLongValue();
                    case "offset" -> offset = parser.getLongValue();
                    default -> {
                        if (token.isStructStart()) {
                            parser.skipChildren();
                        }
                    }
                }
            }
        }
        if (task == null || group == null || plugin == null || topic == null || attempt < 1 || partition < 0 || offset < 0) {
            throw new IllegalArgumentException("task, group, plugin, attempt or the event's place missing");
        }
        return new Task(task, group, plugin, version, attempt, deadline, handedOut, state, topic, partition, offset);
    }

    /** A heartbeat's record value. */
    public record Beat(long deadline) {
    }

    static ProducerRecord<String, byte[]> task(String topic, int partitions, Task task) {
        return new ProducerRecord<>(topic, TaskId.partition(task.task(), partitions), TASK_KEY + task.task(),
                EventJson.mapper().writeValueAsBytes(task));
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

    static ProducerRecord<String, byte[]> redelivery(String topic, Task task, byte[] event, int attempt) {
        Headers headers = new RecordHeaders(new Header[] {
                new RecordHeader(GROUP, task.group().getBytes(StandardCharsets.UTF_8)),
                new RecordHeader(TASK, task.task().getBytes(StandardCharsets.UTF_8)),
                new RecordHeader(ATTEMPT, Integer.toString(attempt).getBytes(StandardCharsets.UTF_8))});
        return new ProducerRecord<>(topic, null, task.group(), event, headers);
    }

    /** A header's value as text, or null. */
    public static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
