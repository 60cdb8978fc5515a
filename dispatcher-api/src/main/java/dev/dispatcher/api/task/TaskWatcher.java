package dev.dispatcher.api.task;

import dev.dispatcher.api.task.TaskRecords.Task;
import dev.dispatcher.common.event.Event;
import dev.dispatcher.common.event.EventJson;
import dev.dispatcher.common.event.EventModel;
import dev.dispatcher.common.event.KafkaKeys;
import dev.dispatcher.common.event.StatusType;
import dev.dispatcher.common.event.TrackingFields;
import dev.dispatcher.common.topic.TopicLayout;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.node.ObjectNode;

/**
 * The deadline watcher: every api replica is a member of one consumer group on the tracking topic,
 * and each watches the tasks of the partitions it was given. On getting a partition it reads it from
 * the beginning (the topic is compacted: what is left is the tasks in flight), and only once it has
 * read up to where the partition ended then does it act on deadlines; a replica that dies hands its
 * partitions over after the group's session timeout and the new owner rebuilds them the same way.
 *
 * <p>A task past its deadline is queued for its plugin's next fetch (any replica) on the redelivery
 * topic, with its attempt counted up, first rewriting its tracking record as {@code queued} with a new
 * deadline, so that a task queued but never fetched again still times out. After the last attempt
 * the watcher publishes one {@code error-timeout} status for it and ends it.
 */
public final class TaskWatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TaskWatcher.class);
    private static final Duration POLL = Duration.ofMillis(200);
    /** After Kafka refused an action on an expired task: when to try it again. */
    private static final long RETRY_MILLIS = 2000;
    /** Stands for an event that its topic no longer holds. */
    private static final byte[] GONE = new byte[0];

    private final Consumer<String, byte[]> consumer;
    /** Reads expired tasks' events back from the tracking topic (assigned, no group); watcher thread only. */
    private final Consumer<String, byte[]> reader;
    private final TaskTracker tracker;
    private final TaskProperties properties;
    private final TaskMetrics metrics;
    private final String topic;
    private final String redeliveryTopic;
    private final String statusTopic;
    private final String version;
    private final EventJson json = new EventJson();
    /** Only the watcher thread touches these. */
    private final Map<Integer, Share> shares = new HashMap<>();
    /** One instance of each group, plugin, version and state string, shared by all tasks. */
    private final Map<String, String> strings = new HashMap<>();
    private volatile int watched;
    private volatile boolean running;
    private Thread thread;

    TaskWatcher(Consumer<String, byte[]> consumer, Consumer<String, byte[]> reader, TaskTracker tracker, TopicLayout layout,
                TaskProperties properties, TaskMetrics metrics, String version) {
        this.consumer = consumer;
        this.reader = reader;
        this.tracker = tracker;
        this.properties = properties;
        this.metrics = metrics;
        this.topic = layout.name(TopicLayout.TASK_TRACKING);
        this.redeliveryTopic = layout.name(TopicLayout.TASK_REDELIVERY);
        this.statusTopic = layout.system(EventModel.STATUS.wireName());
        this.version = version;
    }

    /** Partitions of the tracking topic watched here. */
    int watched() {
        return watched;
    }

    /** The tasks of one partition of the tracking topic. */
    private static final class Share {
        final Map<String, Task> tasks = new HashMap<>();
        final PriorityQueue<Due> due = new PriorityQueue<>();
        /** The partition's end when it was given to this replica: records below it were read before. */
        long rebuiltAt = -1;
        boolean caughtUp;
    }

    private record Due(long deadline, String id) implements Comparable<Due> {
        @Override
        public int compareTo(Due other) {
            return Long.compare(deadline, other.deadline);
        }
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name("task-watcher").start(this::run);
    }

    private void run() {
        try {
            consumer.subscribe(List.of(topic), new Rebalance());
            long nextCheck = 0;
            while (running) {
                try {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                        apply(record);
                    }
                    checkCaughtUp();
                    long now = System.currentTimeMillis();
                    if (now >= nextCheck) {
                        expire(now);
                        nextCheck = now + properties.getCheckInterval().toMillis();
                    }
                } catch (WakeupException e) {
                    // stopping
                } catch (InterruptException e) {
                    break;
                } catch (KafkaException e) {
                    log.warn("Task watcher: Kafka failed, retrying: {}", e.toString());
                    sleep(1000);
                }
            }
        } finally {
            try {
                consumer.close(Duration.ofSeconds(5));
                reader.close(Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                log.warn("Closing the task watcher's consumers failed: {}", e.toString());
            }
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        Share share = shares.get(record.partition());
        String key = record.key();
        if (share == null || key == null) {
            return;
        }
        boolean fresh = record.offset() >= share.rebuiltAt; // not seen by an earlier owner
        if (key.startsWith(TaskRecords.TASK_KEY)) {
            String id = key.substring(TaskRecords.TASK_KEY.length());
            if (record.value() == null) {
                ended(share, id, TaskRecords.header(record.headers(), TaskRecords.STATUS), fresh);
                return;
            }
            Task task;
            try {
                task = TaskRecords.readTask(record.value(), this::shared);
            } catch (RuntimeException e) {
                log.warn("Task watcher: skipping an unreadable tracking record {}@{}: {}", record.partition(),
                        record.offset(), e.toString());
                return;
            }
            if (share.tasks.put(id, task) == null) {
                metrics.inFlight(task.plugin(), 1);
            }
            share.due.add(new Due(task.deadline(), id));
        } else if (key.startsWith(TaskRecords.BEAT_KEY) && record.value() != null) {
            String id = key.substring(TaskRecords.BEAT_KEY.length());
            Task task = share.tasks.get(id);
            long deadline;
            try {
                deadline = EventJson.mapper().readValue(record.value(), TaskRecords.Beat.class).deadline();
            } catch (RuntimeException e) {
                return;
            }
            if (task == null) {
                // A heartbeat for a task that is not in flight: counted, and its record removed.
                if (fresh) {
                    metrics.unknownStatus(StatusType.HEARTBEAT.wireName());
                }
                sendQuietly(TaskRecords.end(topic, tracker.partitions(), TaskRecords.BEAT_KEY, id, "unknown"));
                return;
            }
            if (deadline > task.deadline()) {
                share.tasks.put(id, task.withDeadline(deadline));
                share.due.add(new Due(deadline, id));
            }
            if (fresh) {
                metrics.heartbeat(task.plugin());
            }
        }
    }

    private void ended(Share share, String id, String status, boolean fresh) {
        Task task = share.tasks.remove(id);
        if (task != null) {
            metrics.inFlight(task.plugin(), -1);
        }
        if (!fresh || TaskRecords.REDELIVERED.equals(status)) {
            return;
        }
        String why = status == null ? "unknown" : status;
        if (task != null) {
            metrics.finished(task.plugin(), why);
        } else {
            metrics.unknownStatus(why);
        }
    }

    private void checkCaughtUp() {
        shares.forEach((partition, share) -> {
            if (!share.caughtUp && consumer.position(new TopicPartition(topic, partition)) >= share.rebuiltAt) {
                share.caughtUp = true;
                log.info("Task watcher: partition {} rebuilt, {} tasks in flight", partition, share.tasks.size());
            }
        });
    }

    /** A task past its deadline, and the share that holds it. */
    private record Expired(Share share, Task task) {
    }

    /**
     * Acts on every task past its deadline, on partitions read to where they were when given here:
     * all of them with one wait for Kafka per kind of write, not one per task.
     */
    private void expire(long now) {
        List<Expired> again = new ArrayList<>();
        List<Expired> last = new ArrayList<>();
        for (Share share : shares.values()) {
            if (!share.caughtUp) {
                continue;
            }
            while (!share.due.isEmpty() && share.due.peek().deadline() <= now) {
                Due due = share.due.poll();
                Task task = share.tasks.get(due.id());
                if (task == null || task.deadline() != due.deadline()) {
                    continue; // ended, or a heartbeat moved it
                }
                (task.attempt() < properties.getMaxAttempts() ? again : last).add(new Expired(share, task));
            }
        }
        if (!again.isEmpty()) {
            act(again, now, () -> redeliver(again, now));
        }
        if (!last.isEmpty()) {
            act(last, now, () -> timeOut(last));
        }
    }

    private void act(List<Expired> expired, long now, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            log.warn("Task watcher: could not act on {} expired task(s), retrying in {} ms: {}", expired.size(),
                    RETRY_MILLIS, e.toString());
            expired.forEach(x -> later(x, now));
        }
    }

    /** Acts on an expired task again in {@link #RETRY_MILLIS}. */
    private void later(Expired x, long now) {
        Task later = x.task().withDeadline(now + RETRY_MILLIS);
        x.share().tasks.put(later.task(), later);
        x.share().due.add(new Due(later.deadline(), later.task()));
    }

    /**
     * Tracking first, then the redeliveries: a fetch that takes a redelivery ends the old id after
     * its {@code queued} record, never before it.
     */
    private void redeliver(List<Expired> expired, long now) {
        long deadline = now + properties.getDeadline().toMillis();
        Map<Expired, byte[]> events = events(expired);
        List<Expired> found = expired.stream().filter(x -> events.containsKey(x) && events.get(x) != GONE).toList();
        expired.stream().filter(x -> !events.containsKey(x)).forEach(x -> later(x, now));
        List<Expired> gone = expired.stream().filter(x -> events.get(x) == GONE).toList();
        if (!gone.isEmpty()) {
            act(gone, now, () -> timeOut(gone)); // nothing left to hand out: the task ends, not silently
        }
        List<ProducerRecord<String, byte[]>> queued = new ArrayList<>(found.size());
        List<ProducerRecord<String, byte[]>> redeliveries = new ArrayList<>(found.size());
        for (Expired x : found) {
            Task task = x.task();
            queued.add(TaskRecords.task(topic, tracker.partitions(), task.queuedAgain(deadline)));
            redeliveries.add(TaskRecords.redelivery(redeliveryTopic, task, events.get(x), task.attempt() + 1));
        }
        tracker.write(queued);
        tracker.write(redeliveries);
        for (Expired x : found) {
            Task task = x.task();
            Task updated = task.queuedAgain(deadline);
            x.share().tasks.put(task.task(), updated);
            x.share().due.add(new Due(deadline, task.task()));
            metrics.redelivered(task.plugin());
            log.debug("Task {} of {} passed its deadline; queued as attempt {}", task.task(), task.plugin(), updated.attempt());
        }
    }

    /** The statuses first, then the ends: a task never ends without its outcome written. */
    private void timeOut(List<Expired> expired) {
        Map<Expired, byte[]> events = events(expired);
        List<ProducerRecord<String, byte[]>> statuses = new ArrayList<>(expired.size());
        List<ProducerRecord<String, byte[]>> ends = new ArrayList<>(expired.size() * 2);
        String status = StatusType.ERROR_TIMEOUT.wireName();
        for (Expired x : expired) {
            byte[] event = events.get(x);
            if (event == null) {
                throw new IllegalStateException("the event of task " + x.task().task() + " could not be read back");
            }
            statuses.add(timeoutStatus(x.task(), event == GONE ? null : event));
            ends.add(TaskRecords.end(topic, tracker.partitions(), TaskRecords.TASK_KEY, x.task().task(), status));
            ends.add(TaskRecords.end(topic, tracker.partitions(), TaskRecords.BEAT_KEY, x.task().task(), status));
        }
        tracker.write(statuses);
        tracker.write(ends);
        for (Expired x : expired) {
            Task task = x.task();
            x.share().tasks.put(task.task(), task.withDeadline(Long.MAX_VALUE)); // until its tombstone comes back
            metrics.timedOut(task.plugin());
            log.info("Task {} of {} {} got no final status after {} attempts; published error-timeout", task.task(),
                    task.plugin(), task.version(), task.attempt());
        }
    }

    private ProducerRecord<String, byte[]> timeoutStatus(Task task, byte[] event) {
        ObjectNode status = EventJson.mapper().createObjectNode();
        status.put("model_version", Event.CURRENT_MODEL_VERSION);
        status.put("timestamp", Instant.now().toString());
        ObjectNode author = status.putObject("author");
        author.put("category", "dispatcher");
        author.put("name", "dispatcher");
        author.put("version", version);
        ObjectNode entity = status.putObject("entity");
        ObjectNode input = event == null ? EventJson.mapper().createObjectNode() : (ObjectNode) EventJson.mapper().readTree(event);
        input.put("dequeued", task.task());
        entity.set("input", input);
        entity.put("status", StatusType.ERROR_TIMEOUT.wireName());
        entity.put("error", "no final status");
        String attempts = task.attempt() + " attempt" + (task.attempt() == 1 ? "" : "s") + " of "
                + properties.getDeadline().toSeconds() + " s each";
        entity.put("message", event != null
                ? "Plugin " + task.plugin() + " " + task.version() + " sent no final status for this event in " + attempts
                        + "; the dispatcher ended the task."
                : "Plugin " + task.plugin() + " " + task.version() + " sent no final status in " + attempts + ", and the event"
                        + " is no longer in " + task.topic() + "-" + task.partition() + " at offset " + task.offset()
                        + " (retention) to hand out again; the dispatcher ended the task.");
        Event tracked = TrackingFields.apply(json.read(status, EventModel.STATUS));
        String key = KafkaKeys.compute(tracked);
        return new ProducerRecord<>(statusTopic, key, json.write(tracked.withKafkaKey(key)));
    }

    private String shared(String value) {
        return value == null ? null : strings.computeIfAbsent(value, v -> v);
    }

    /**
     * The events of expired tasks, read back from where they were handed out (their records' topic,
     * partition and offset; in offset order, one seek per gap). A task whose event is not found (the
     * topic's retention removed it, or Kafka did not answer) is left out, and acted on again later.
     */
    private Map<Expired, byte[]> events(List<Expired> expired) {
        Map<TopicPartition, List<Expired>> byPartition = new HashMap<>();
        for (Expired x : expired) {
            byPartition.computeIfAbsent(new TopicPartition(x.task().topic(), x.task().partition()), p -> new ArrayList<>()).add(x);
        }
        Map<Expired, byte[]> events = new HashMap<>();
        byPartition.forEach((tp, tasks) -> {
            reader.assign(List.of(tp));
            List<Expired> wanted = new ArrayList<>(tasks);
            wanted.sort(Comparator.comparingLong(x -> x.task().offset()));
            int next = 0;
            int idle = 0;
            while (next < wanted.size() && idle < 3) {
                reader.seek(tp, wanted.get(next).task().offset());
                ConsumerRecords<String, byte[]> records = reader.poll(POLL);
                if (records.isEmpty()) {
                    idle++;
                    continue;
                }
                idle = 0;
                for (ConsumerRecord<String, byte[]> record : records.records(tp)) {
                    while (next < wanted.size() && wanted.get(next).task().offset() < record.offset()) {
                        events.put(wanted.get(next++), GONE); // not there any more (compacted away)
                    }
                    if (next < wanted.size() && wanted.get(next).task().offset() == record.offset()) {
                        events.put(wanted.get(next++), record.value() == null ? GONE : record.value());
                    }
                }
            }
            if (next < wanted.size()) {
                // Not found: gone for good if the partition now starts after it, else try again later.
                long start = reader.beginningOffsets(List.of(tp), Duration.ofSeconds(5)).getOrDefault(tp, 0L);
                for (int i = next; i < wanted.size(); i++) {
                    if (wanted.get(i).task().offset() < start && !events.containsKey(wanted.get(i))) {
                        events.put(wanted.get(i), GONE);
                    }
                }
            }
        });
        reader.assign(List.of());
        long gone = events.values().stream().filter(e -> e == GONE).count();
        if (gone > 0) {
            log.warn("Task watcher: the events of {} expired tasks are no longer in their topics (retention); ending them", gone);
        }
        if (events.size() < expired.size()) {
            log.warn("Task watcher: the events of {} of {} expired tasks could not be read back; trying again in {} ms",
                    expired.size() - events.size(), expired.size(), RETRY_MILLIS);
        }
        return events;
    }

    private void sendQuietly(ProducerRecord<String, byte[]> record) {
        try {
            tracker.send(record);
        } catch (RuntimeException e) {
            log.debug("Task watcher: cleanup record not sent: {}", e.toString());
        }
    }

    @Override
    public void stop() {
        running = false;
        consumer.wakeup();
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the fetches (their tracking records are written) and before the producer closes. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs inside poll, on the watcher thread. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            if (assigned.isEmpty()) {
                return;
            }
            Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
            consumer.seekToBeginning(assigned);
            for (TopicPartition tp : assigned) {
                Share share = new Share();
                share.rebuiltAt = ends.getOrDefault(tp, 0L);
                shares.put(tp.partition(), share);
            }
            watched = shares.size();
            log.info("Task watcher: watching tracking partitions {}", shares.keySet());
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            drop(revoked);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            drop(lost);
        }

        private void drop(Collection<TopicPartition> going) {
            for (TopicPartition tp : going) {
                Share share = shares.remove(tp.partition());
                if (share != null) {
                    share.tasks.values().forEach(t -> metrics.inFlight(t.plugin(), -1));
                }
            }
            watched = shares.size();
        }
    }
}
