package dev.dispatcher.api.publish;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.dispatcher.api.publish.PublishBodyReader.Received;
import dev.dispatcher.api.publish.PublishIntake.Accepted;
import dev.dispatcher.api.publish.PublishIntake.Admission;
import dev.dispatcher.api.publish.PublishIntake.OutgoingRecord;
import dev.dispatcher.api.publish.PublishIntake.Rejected;
import dev.dispatcher.api.task.PauseState;
import dev.dispatcher.common.event.EventJson;
import dev.dispatcher.common.event.EventModel;
import dev.dispatcher.common.topic.TopicLayout;
import dev.dispatcher.common.topic.TopicPlan;
import dev.dispatcher.common.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.util.RawValue;

/** {@code POST /api/v2/event}: publish one event or an array of events (DESIGN §5, §9). */
@RestController
class PublishController {

    private static final String MODELS = Arrays.stream(EventModel.values())
            .map(EventModel::wireName).collect(Collectors.joining(", "));

    private final PublishBodyReader reader;
    private final PublishIntake intake;
    private final EventPublisher publisher;
    private final PauseProperties pause;
    private final TopicLayout layout;
    private final PublishMetrics metrics;

    PublishController(PublishBodyReader reader, PublishIntake intake, EventPublisher publisher,
                      PauseProperties pause, TopicPlan plan, PublishMetrics metrics) {
        this.reader = reader;
        this.intake = intake;
        this.publisher = publisher;
        this.pause = pause;
        this.layout = plan.layout();
        this.metrics = metrics;
    }

    /** The control record value of a pause: until when, since when, and who asked. */
    record PauseRequest(
            @JsonProperty("paused_until") String pausedUntil,
            @JsonProperty("requested_at") String requestedAt,
            @JsonProperty("requested_by") String requestedBy) {
    }

    /**
     * Publishes the body's events. The body is read as raw bytes before any query parameter is
     * looked at: whatever the Content-Type (Azul's client sends a JSON array, sometimes without
     * one), the servlet container must never parse it as a form.
     */
    @PostMapping("/api/v2/event")
    ResponseEntity<PublishResponse> publish(HttpServletRequest request) {
        byte[] body = reader.read(request);
        Optional<EventModel> model = model(request.getParameter("model"));
        boolean sync = flag(request, "sync");
        boolean includeOk = flag(request, "include_ok");
        boolean pausePlugins = flag(request, "pause_plugins");
        if (flag(request, "avro-format")) {
            throw ApiException.badParameter("avro-format",
                    "avro-format=true is not supported: this dispatcher speaks JSON only; send avro-format=false or leave it out.");
        }
        List<Received> events = reader.split(body);

        List<Admission> admissions = events.stream().map(event -> intake.admit(event, model)).toList();
        var failures = new ArrayList<PublishResponse.Failure>();
        var records = new ArrayList<OutgoingRecord>();
        var afterwards = new ArrayList<ProducerRecord<String, byte[]>>();
        Rejected firstRejected = null;
        String requestedBy = null;
        for (Admission admission : admissions) {
            switch (admission) {
                case Rejected rejected -> {
                    metrics.failed(rejected.entity(), rejected.reason());
                    failures.add(new PublishResponse.Failure(rejected.received().json(), rejected.error()));
                    firstRejected = firstRejected == null ? rejected : firstRejected;
                }
                case Accepted accepted -> {
                    records.addAll(accepted.records());
                    afterwards.addAll(accepted.afterwards());
                    requestedBy = requestedBy == null ? author(accepted.received()) : requestedBy;
                }
            }
        }
        if (records.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "no_valid_events",
                    (events.size() == 1 ? "The event is not valid" : "None of the " + events.size() + " events is valid")
                            + "; the first failure ("
                            + firstRejected.received().parameter() + "): " + firstRejected.error(),
                    Map.of("parameter", firstRejected.received().parameter()));
        }
        if (pausePlugins) {
            records.add(pauseRecord(requestedBy));
        }
        publisher.write(records, afterwards, sync);

        int totalOk = events.size() - failures.size();
        List<RawValue> ok = !includeOk ? null : records.stream()
                .filter(record -> record.entity() != null)
                .map(record -> new RawValue(new String(record.value(), UTF_8)))
                .toList();
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(new PublishResponse(totalOk, failures.size(), failures, ok));
    }

    private OutgoingRecord pauseRecord(String requestedBy) {
        Instant now = Instant.now();
        var value = new PauseRequest(now.plus(pause.getDuration()).toString(), now.toString(),
                requestedBy == null ? "unknown" : requestedBy);
        return new OutgoingRecord(layout.name(TopicLayout.CONTROL), PauseState.PAUSE_KEY,
                EventJson.mapper().writeValueAsBytes(value), null, null);
    }

    private static String author(Received received) {
        var name = received.tree().path("author").path("name");
        return name.isString() && !name.stringValue().isBlank() ? name.stringValue() : null;
    }

    private static Optional<EventModel> model(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(EventModel.fromName(value).orElseThrow(() -> ApiException.badParameter("model",
                "Unknown model '" + value + "': expected one of " + MODELS + ", or leave it out to infer it per event.")));
    }

    /** A boolean query parameter: absent or empty is false; Spring's spellings (true/false, on/off, yes/no, 1/0) otherwise. */
    private static boolean flag(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes", "1" -> true;
            case "false", "off", "no", "0" -> false;
            default -> throw ApiException.badParameter(name, "Parameter '" + name + "' must be true or false, not '" + value + "'.");
        };
    }
}
