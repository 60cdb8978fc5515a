package dev.dispatcher.api.publish;

import dev.dispatcher.api.publish.PublishBodyReader.Received;
import dev.dispatcher.api.task.TaskId;
import dev.dispatcher.api.task.TaskTracker;
import dev.dispatcher.common.event.BinaryEvent;
import dev.dispatcher.common.event.Event;
import dev.dispatcher.common.event.EventFormatException;
import dev.dispatcher.common.event.EventHeaders;
import dev.dispatcher.common.event.EventJson;
import dev.dispatcher.common.event.EventModel;
import dev.dispatcher.common.event.EventValidator;
import dev.dispatcher.common.event.Flags;
import dev.dispatcher.common.event.KafkaKeys;
import dev.dispatcher.common.event.StatusEntity;
import dev.dispatcher.common.event.StatusEvent;
import dev.dispatcher.common.event.TrackingFields;
import dev.dispatcher.common.event.Violation;
import dev.dispatcher.common.topic.TopicLayout;
import dev.dispatcher.common.topic.TopicPlan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.stereotype.Component;

/**
 * Decides, event by event, whether a received event is published and as which records: model,
 * reading, validation, the source check, splitting a completed status from its results, then the
 * server-set fields ({@code kafka_key}, tracking ids) and the topic.
 */
@Component
class PublishIntake {

    /** Violation code of an event whose model was not given and cannot be told from its shape. */
    static final String MODEL_UNKNOWN = "event.model_unknown";
    /** Violation code of a status whose {@code entity.input.dequeued} is not a task id this dispatcher hands out. */
    static final String DEQUEUED_MALFORMED = "status.input.dequeued_malformed";
    /** Violation code of a binary event (or status result) for a source this deployment has no topics for. */
    static final String SOURCE_UNKNOWN = "binary.source_unknown";

    private static final String MODELS = Arrays.stream(EventModel.values())
            .map(EventModel::wireName).collect(Collectors.joining(", "));

    private final EventJson json = new EventJson();
    private final EventValidator validator = new EventValidator();
    private final TopicPlan plan;
    private final TopicLayout layout;
    private final TaskTracker tasks;

    PublishIntake(TopicPlan plan, TaskTracker tasks) {
        this.plan = plan;
        this.layout = plan.layout();
        this.tasks = tasks;
    }

    /** The verdict on one received event. */
    sealed interface Admission permits Accepted, Rejected {
        Received received();
    }

    /**
     * Published as {@code records}, in order (a status's results before the status); {@code afterwards}
     * (a status's heartbeat or end of its task, for the deadline watcher) once all of them are written.
     */
    record Accepted(Received received, List<OutgoingRecord> records, List<ProducerRecord<String, byte[]>> afterwards)
            implements Admission {
    }

    /** Not published, for every one of {@code violations} (never empty). */
    record Rejected(Received received, String entity, List<Violation> violations) implements Admission {

        /** The failure as one line: every violation, {@code "<code> at <field>: <message>"}, joined by {@code "; "}. */
        String error() {
            return violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
        }

        /** The first violation's code: the reason the failure is counted under. */
        String reason() {
            return violations.getFirst().code();
        }
    }

    /**
     * One Kafka record to write: the event's key and JSON, the tags it is counted under, and the
     * {@link EventHeaders#SHAPE} header of a binary event (else null).
     */
    record OutgoingRecord(String topic, String key, byte[] value, String entity, String plugin, String shape) {

        OutgoingRecord(String topic, String key, byte[] value, String entity, String plugin) {
            this(topic, key, value, entity, plugin, null);
        }
    }

    /** Judges {@code received}; {@code model} is the request's explicit model, empty to infer it per event. */
    Admission admit(Received received, Optional<EventModel> model) {
        Optional<EventModel> resolved = model.isPresent() ? model : EventModel.infer(received.tree());
        if (resolved.isEmpty()) {
            return new Rejected(received, "unknown", List.of(new Violation(MODEL_UNKNOWN, "",
                    "cannot tell which model this event is; pass ?model= (one of " + MODELS + ")")));
        }
        String entity = resolved.get().wireName();
        Event event;
        try {
            event = json.read(received.tree(), resolved.get());
        } catch (EventFormatException e) {
            return new Rejected(received, entity, List.of(e.violation()));
        }
        var violations = new ArrayList<>(validator.validate(event));
        var records = new ArrayList<OutgoingRecord>();
        List<ProducerRecord<String, byte[]>> afterwards = List.of();
        try {
            switch (event) {
                case BinaryEvent binary -> {
                    sourceKnown(binary, violations);
                    if (violations.isEmpty()) {
                        records.add(binaryRecord(binary));
                    }
                }
                case StatusEvent status -> {
                    status(status, violations, records);
                    if (violations.isEmpty()) {
                        afterwards = tasks.outcome(status.entity().input().dequeued(),
                                status.entity().statusType().orElseThrow());
                    }
                }
                default -> {
                    if (violations.isEmpty()) {
                        records.add(record(layout.system(entity), event));
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            // A key that cannot be computed from an event the validator passed: still the event's fault, never a 500.
            violations.add(new Violation(EventFormatException.CODE, "", e.getMessage()));
        }
        return violations.isEmpty() ? new Accepted(received, List.copyOf(records), afterwards) : new Rejected(received, entity, violations);
    }

    /**
     * A completed status's results become binary events of their own, each as Azul republishes them:
     * {@code model_version} defaulted to the current one, and {@code flags} replaced by the input's
     * {@code expedite} and {@code bypass_cache} (so a result never inherits {@code retry}). Each is
     * validated as a binary event; any problem rejects the whole status, naming the result's index.
     * The status itself is stored without results.
     */
    private void status(StatusEvent status, List<Violation> violations, List<OutgoingRecord> records) {
        StatusEntity entity = status.entity();
        List<BinaryEvent> results = entity == null || entity.results() == null ? List.of() : entity.results();
        Set<String> seen = new HashSet<>();
        violations.forEach(v -> seen.add(v.code() + " " + v.field()));
        String dequeued = entity == null || entity.input() == null ? null : entity.input().dequeued();
        if (dequeued != null && !dequeued.isBlank() && !TaskId.wellFormed(dequeued)) {
            violations.add(new Violation(DEQUEUED_MALFORMED, "entity.input.dequeued", "'" + abbreviate(dequeued)
                    + "' is not a task id this dispatcher hands out (<kafka_key>.<plugin>.<version>.<unix seconds>"
                    + ".a<attempt>-<8 hex>); echo the input exactly as it was fetched"));
        }
        var resultRecords = new ArrayList<OutgoingRecord>();
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) == null) {
                continue; // reported by the validator as event.null_element
            }
            BinaryEvent result = asPublished(results.get(i), entity.input());
            var found = new ArrayList<>(validator.validate(result));
            sourceKnown(result, found);
            String prefix = "entity.results[" + i + "]";
            for (Violation v : found) {
                var located = new Violation(v.code(), v.field().isEmpty() ? prefix : prefix + "." + v.field(), v.message());
                if (seen.add(located.code() + " " + located.field())) {
                    violations.add(located);
                }
            }
            if (found.isEmpty()) {
                resultRecords.add(binaryRecord(result));
            }
        }
        if (violations.isEmpty()) {
            records.addAll(resultRecords);
            StatusEvent stored = entity == null || entity.results() == null ? status : status.withEntity(entity.withResults(null));
            records.add(record(layout.system(EventModel.STATUS.wireName()), stored));
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    private static BinaryEvent asPublished(BinaryEvent result, BinaryEvent input) {
        BinaryEvent versioned = result.modelVersion() == null ? result.withModelVersion(Event.CURRENT_MODEL_VERSION) : result;
        Flags from = input == null ? null : input.flags();
        Flags inherited = from == null || (from.expedite() == null && from.bypassCache() == null)
                ? null
                : new Flags(from.bypassCache(), from.expedite(), null, null);
        return versioned.withFlags(inherited);
    }

    private void sourceKnown(BinaryEvent binary, List<Violation> violations) {
        String name = binary.source() == null ? null : binary.source().name();
        if (name == null || name.isBlank() || plan.sources().contains(name)) {
            return;
        }
        violations.add(new Violation(SOURCE_UNKNOWN, "source.name", "source '" + name
                + "' is not configured in this deployment (DISPATCHER_SOURCES_HELM); configured sources: "
                + (plan.sources().isEmpty() ? "none" : String.join(", ", plan.sources()))));
    }

    private OutgoingRecord binaryRecord(BinaryEvent binary) {
        Flags flags = binary.flags();
        String topic;
        if (flags != null && Boolean.TRUE.equals(flags.retry())) {
            topic = layout.name(TopicLayout.ERROR);
        } else if (flags != null && Boolean.TRUE.equals(flags.expedite())) {
            topic = layout.name(TopicLayout.EXPEDITE);
        } else {
            topic = layout.binary(binary.source().name(), binary.action());
        }
        return record(topic, binary);
    }

    private OutgoingRecord record(String topic, Event event) {
        Event tracked = TrackingFields.apply(event);
        String key = KafkaKeys.compute(tracked);
        Event written = tracked.withKafkaKey(key);
        String plugin = written.author() == null ? null : written.author().name();
        String shape = written instanceof BinaryEvent binary
                ? (binary.dequeued() == null ? EventHeaders.OBJECT : EventHeaders.OBJECT_WITH_DEQUEUED) : null;
        return new OutgoingRecord(topic, key, json.write(written), written.model().wireName(), plugin, shape);
    }
}
