package dev.dispatcher.api.consume;

import dev.dispatcher.api.task.PauseState;
import dev.dispatcher.api.task.TaskRecords;
import dev.dispatcher.api.task.TaskTracker;
import dev.dispatcher.common.topic.TopicPlan;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v2/event/{model}/passive|active}: plugins long-poll for events. */
@RestController
class ConsumeController {

    private static final Logger log = LoggerFactory.getLogger(ConsumeController.class);
    /** Longest an active fetch waits for Kafka to confirm the commit of what it hands out. */
    private static final Duration COMMIT_WAIT = Duration.ofSeconds(3);

    private final Fetcher fetcher;
    private final ConsumerPool pool;
    private final ConsumeProperties properties;
    private final TopicPlan plan;
    private final TaskTracker tasks;
    private final PauseState pause;

    ConsumeController(Fetcher fetcher, ConsumerPool pool, ConsumeProperties properties, TopicPlan plan,
                      TaskTracker tasks, PauseState pause) {
        this.fetcher = fetcher;
        this.pool = pool;
        this.properties = properties;
        this.plan = plan;
        this.tasks = tasks;
        this.pause = pause;
    }

    @GetMapping("/api/v2/event/{model}/passive")
    void passive(@PathVariable String model, @RequestParam MultiValueMap<String, String> query,
                 @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                 HttpServletResponse response) throws IOException, InterruptedException {
        serve(FetchRequest.parse(model, Mode.PASSIVE, query, properties, plan.sources()), accept, response);
    }

    @GetMapping("/api/v2/event/{model}/active")
    void active(@PathVariable String model, @RequestParam MultiValueMap<String, String> query,
                @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                HttpServletResponse response) throws IOException, InterruptedException {
        serve(FetchRequest.parse(model, Mode.ACTIVE, query, properties, plan.sources()), accept, response);
    }

    private void serve(FetchRequest request, String accept, HttpServletResponse response)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        boolean active = request.mode() == Mode.ACTIVE;
        if (active && pause.paused()) {
            answerPaused(request, accept, response, started);
            return;
        }
        try (Lease lease = fetcher.fetch(request)) {
            List<String> notReady = new ArrayList<>();
            lease.feed().consumers().forEach(c -> {
                if (c.notReady()) {
                    notReady.add(c.subscription().stream().wireName());
                }
            });
            List<Lease.Delivery> deliveries = lease.deliveries();
            List<String> taskIds = null;
            if (active) {
                if (pause.paused()) {
                    // Paused while this fetch waited: what it took goes back (the lease closes uncommitted).
                    answerPaused(request, accept, response, started);
                    return;
                }
                taskIds = tasks.handOut(request.name(), request.version(), lease.feed().name(), offers(deliveries));
                // Tracked durably: should this response not reach the plugin, the deadline watcher hands them out again.
                lease.commit();
                // And answered only once the offsets are in Kafka: should this replica die after answering, no other
                // one reads these events again as new tasks (the watcher alone hands them out again, if unanswered).
                if (!lease.awaitCommitted(COMMIT_WAIT)) {
                    log.warn("Offsets of an active fetch of {} not confirmed by Kafka within {}; answering anyway "
                            + "(should this replica die now, their events may be handed out again)", request.name(), COMMIT_WAIT);
                }
            }
            FetchResponse body = FetchResponse.of(request, deliveries, taskIds, lease.filteredTotal(), lease.filtered(),
                    notReady, false);
            send(body, accept, request, response);
            if (!active) {
                // Only now, with the response in the client's hands, do the offsets move on.
                lease.commit();
            }
            pool.metrics().fetched(request, lease.delivered(), lease.filtered(), notReady.size(),
                    Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** While paused, an active fetch waits out its timeout (or the pause, if shorter) and gets nothing. */
    private void answerPaused(FetchRequest request, String accept, HttpServletResponse response, long started)
            throws IOException, InterruptedException {
        Duration wait = pause.remaining().compareTo(request.timeout()) < 0 ? pause.remaining() : request.timeout();
        Thread.sleep(wait);
        send(FetchResponse.of(request, List.of(), null, 0, Map.of(), List.of(), true), accept, request, response);
        pool.metrics().fetched(request, 0, Map.of(), 0, Duration.ofNanos(System.nanoTime() - started));
    }

    private static List<TaskTracker.Offer> offers(List<Lease.Delivery> deliveries) {
        List<TaskTracker.Offer> offers = new ArrayList<>(deliveries.size());
        for (Lease.Delivery delivery : deliveries) {
            ConsumerRecord<String, byte[]> record = delivery.record();
            if (delivery.stream() == Stream.REDELIVERY) {
                String attempt = TaskRecords.header(record.headers(), TaskRecords.ATTEMPT);
                offers.add(new TaskTracker.Offer(FetchResponse.kafkaKey(delivery), record.topic(), record.partition(),
                        record.offset(), attempt == null ? 2 : Integer.parseInt(attempt),
                        TaskRecords.header(record.headers(), TaskRecords.TASK)));
            } else {
                offers.add(new TaskTracker.Offer(FetchResponse.kafkaKey(delivery), record.topic(), record.partition(),
                        record.offset(), 1, null));
            }
        }
        return offers;
    }

    private static void send(FetchResponse body, String accept, FetchRequest request, HttpServletResponse response)
            throws IOException {
        if (multipart(accept, request)) {
            FetchResponse.Multipart multipart = body.multipart();
            response.setContentType("multipart/form-data; boundary=" + multipart.boundary());
            write(response, multipart.body());
        } else {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            write(response, body.json());
        }
    }

    private static void write(HttpServletResponse response, byte[] body) throws IOException {
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    /**
     * An explicit {@code Accept} naming JSON or multipart wins; with {@code *}{@code /*} or none, the
     * current Azul client's spelling ({@code deadline}, {@code r-*}, {@code d-*}) asks for multipart.
     */
    static boolean multipart(String accept, FetchRequest request) {
        if (accept != null) {
            for (MediaType type : MediaType.parseMediaTypes(accept)) {
                if (type.isCompatibleWith(MediaType.MULTIPART_FORM_DATA) && !type.isWildcardType()) {
                    return true;
                }
                if (type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.isWildcardType() && !type.isWildcardSubtype()) {
                    return false;
                }
            }
        }
        return request.azulSpelling();
    }
}
