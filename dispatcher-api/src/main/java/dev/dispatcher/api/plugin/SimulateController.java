package dev.dispatcher.api.plugin;

import dev.dispatcher.api.filter.FilterReason;
import dev.dispatcher.common.event.EventJson;
import dev.dispatcher.common.event.EventModel;
import dev.dispatcher.common.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v2/event/simulate}: which registered plugins would take this event, and which
 * filter skips it for the others. Nothing is published or consumed.
 */
@RestController
class SimulateController {

    static final String BODY = "body";
    private static final List<String> MODELS = Arrays.stream(EventModel.values()).map(EventModel::wireName).toList();

    private final PluginRegistry registry;
    private final PluginProperties properties;

    SimulateController(PluginRegistry registry, PluginProperties properties) {
        this.registry = registry;
        this.properties = properties;
    }

    /**
     * Judges one event (a JSON object; its model from the {@code model} parameter, else inferred)
     * with the filters of every registered plugin. The body is read before any parameter, so no
     * Content-Type makes the container parse it as a form.
     */
    @PostMapping("/api/v2/event/simulate")
    ResponseEntity<Simulation> simulate(HttpServletRequest request) {
        byte[] body = read(request);
        JsonNode event = parse(body);
        EventModel model = model(request.getParameter("model"), event);
        List<Simulation.Consumer> consumers = registry.registrations().stream().map(plugin -> {
            Optional<FilterReason> reason = plugin.filters().reject(model.wireName(), event, body);
            return new Simulation.Consumer(plugin.name(), plugin.version(), reason.isPresent(),
                    reason.map(FilterReason::wireName).orElse(""));
        }).toList();
        registry.metrics().simulated(model);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(new Simulation(consumers));
    }

    private byte[] read(HttpServletRequest request) {
        long max = properties.getMaxSimulateSize().toBytes();
        if (request.getContentLengthLong() > max) {
            throw tooLarge(request.getContentLengthLong() + " bytes");
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (body.length > max) {
                throw tooLarge("more than " + max + " bytes");
            }
            return body;
        } catch (IOException e) {
            throw ApiException.badParameter(BODY, "The request body could not be read: " + e.getMessage());
        }
    }

    private static JsonNode parse(byte[] body) {
        JsonNode event;
        try {
            event = EventJson.mapper().readTree(body);
        } catch (JacksonException e) {
            throw ApiException.badParameter(BODY, "The request body is not JSON: " + e.getOriginalMessage());
        }
        if (event == null || event.isMissingNode()) {
            throw ApiException.badParameter(BODY, "The request body is empty: send one JSON event object.");
        }
        if (!event.isObject()) {
            throw ApiException.badParameter(BODY, "The request body must be one JSON event object, not "
                    + event.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ".");
        }
        return event;
    }

    private static EventModel model(String requested, JsonNode event) {
        if (requested != null && !requested.isBlank()) {
            return EventModel.fromName(requested).orElseThrow(() -> ApiException.badParameter("model",
                    "Unknown model '" + requested + "': expected one of " + MODELS + ", or leave it out to infer it."));
        }
        return EventModel.infer(event).orElseThrow(() -> ApiException.badParameter(BODY,
                "The event's model cannot be told from its fields; pass model=<one of " + MODELS + ">."));
    }

    private ApiException tooLarge(String size) {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "request_too_large",
                "The request body is " + size + ", more than the " + properties.getMaxSimulateSize().toBytes()
                        + " bytes (dispatcher.api.plugins.max-simulate-size) a simulated event may have.",
                Map.of("parameter", BODY));
    }
}
