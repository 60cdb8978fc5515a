package dev.dispatcher.api.consume;

import dev.dispatcher.common.topic.TopicPlan;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    private final Fetcher fetcher;
    private final ConsumerPool pool;
    private final ConsumeProperties properties;
    private final TopicPlan plan;

    ConsumeController(Fetcher fetcher, ConsumerPool pool, ConsumeProperties properties, TopicPlan plan) {
        this.fetcher = fetcher;
        this.pool = pool;
        this.properties = properties;
        this.plan = plan;
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
        try (Lease lease = fetcher.fetch(request)) {
            List<String> notReady = new ArrayList<>();
            lease.feed().consumers().forEach(c -> {
                if (c.notReady()) {
                    notReady.add(c.subscription().stream().wireName());
                }
            });
            FetchResponse body = FetchResponse.of(request, lease, notReady);
            if (multipart(accept, request)) {
                FetchResponse.Multipart multipart = body.multipart();
                response.setContentType("multipart/form-data; boundary=" + multipart.boundary());
                write(response, multipart.body());
            } else {
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                write(response, body.json());
            }
            // Only now, with the response in the client's hands, do the offsets move on.
            lease.commit();
            pool.metrics().fetched(request, lease.delivered(), lease.filtered(), notReady.size(),
                    Duration.ofNanos(System.nanoTime() - started));
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
