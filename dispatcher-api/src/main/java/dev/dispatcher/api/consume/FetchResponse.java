package dev.dispatcher.api.consume;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.dispatcher.common.event.EventJson;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The body of a fetch: {@code info} and {@code events}, as one JSON object or as the two parts of
 * a {@code multipart/form-data} body (what Azul's client reads).
 */
final class FetchResponse {

    /** What the fetch did; field types are those Azul's client validates. */
    record Info(int fetched, int filtered, boolean ready, boolean paused,
                @JsonProperty("consumers_not_ready") String consumersNotReady, Map<String, Integer> filters) {
    }

    private final Info info;
    private final byte[] events;

    private FetchResponse(Info info, byte[] events) {
        this.info = info;
        this.events = events;
    }

    /** Passive events go out byte for byte as stored; active ones carry their task id ({@code dequeued}). */
    static FetchResponse of(FetchRequest request, Lease lease, List<String> notReady) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("[".getBytes(StandardCharsets.UTF_8));
        List<Lease.Delivery> deliveries = lease.deliveries();
        long now = Instant.now().getEpochSecond();
        for (int i = 0; i < deliveries.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            Lease.Delivery delivery = deliveries.get(i);
            if (request.mode() == Mode.ACTIVE && delivery.event() instanceof ObjectNode event) {
                event.put("dequeued", dequeued(event, delivery, request, now));
                out.writeBytes(EventJson.mapper().writeValueAsBytes(event));
            } else {
                out.writeBytes(delivery.record().value());
            }
        }
        out.write(']');
        Info info = new Info(deliveries.size(), lease.filteredTotal(), notReady.isEmpty(), false,
                String.join(",", notReady), lease.filtered());
        return new FetchResponse(info, out.toByteArray());
    }

    /** Azul's task id: {@code <kafka_key>.<plugin>.<version>.<unix seconds>}. */
    private static String dequeued(JsonNode event, Lease.Delivery delivery, FetchRequest request, long now) {
        String key = event.path("kafka_key").asString(delivery.record().key());
        return key + "." + request.name() + "." + request.version() + "." + now;
    }

    Info info() {
        return info;
    }

    byte[] json() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("{\"info\":".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(EventJson.mapper().writeValueAsBytes(info));
        out.writeBytes(",\"events\":".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(events);
        out.write('}');
        return out.toByteArray();
    }

    /** The two parts, CRLF line breaks, closing boundary: as Azul's client parses them. */
    Multipart multipart() {
        String boundary = "dispatcher-" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        part(out, boundary, "info", EventJson.mapper().writeValueAsBytes(info));
        ByteArrayOutputStream wrapped = new ByteArrayOutputStream();
        wrapped.writeBytes("{\"events\":".getBytes(StandardCharsets.UTF_8));
        wrapped.writeBytes(events);
        wrapped.write('}');
        part(out, boundary, "events", wrapped.toByteArray());
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return new Multipart(boundary, out.toByteArray());
    }

    private static void part(ByteArrayOutputStream out, String boundary, String name, byte[] body) {
        out.writeBytes(("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"" + name + "\"\r\n"
                + "Content-Type: application/json\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(body);
        out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }

    record Multipart(String boundary, byte[] body) {
    }
}
