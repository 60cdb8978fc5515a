package dev.dispatcher.api.consume;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.dispatcher.common.event.EventJson;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
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

    private static final byte[] DEQUEUED_FIELD = "\"dequeued\"".getBytes(StandardCharsets.UTF_8);

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

    /**
     * Passive events go out byte for byte as stored; active ones carry their task id ({@code dequeued}),
     * {@code taskIds} in the order of {@code deliveries}.
     */
    static FetchResponse of(FetchRequest request, List<Lease.Delivery> deliveries, List<String> taskIds,
                            int filteredTotal, Map<String, Integer> filtered, List<String> notReady, boolean paused) {
        // Sized for the stored bytes plus a task id each, so the buffer is not grown and copied on the way.
        int size = 2 + deliveries.stream().mapToInt(d -> d.record().value().length + 160).sum();
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.write('[');
        for (int i = 0; i < deliveries.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            Lease.Delivery delivery = deliveries.get(i);
            if (taskIds != null) {
                writeWithDequeued(out, delivery, taskIds.get(i));
            } else {
                out.writeBytes(delivery.record().value());
            }
        }
        out.write(']');
        Info info = new Info(deliveries.size(), filteredTotal, notReady.isEmpty(), paused,
                String.join(",", notReady), filtered);
        return new FetchResponse(info, out.toByteArray());
    }

    /** The event's {@code kafka_key}: its record's key, except for redeliveries (keyed by plugin) and unkeyed records. */
    static String kafkaKey(Lease.Delivery delivery) {
        String key = delivery.record().key();
        if (key != null && delivery.stream() != Stream.REDELIVERY) {
            return key;
        }
        JsonNode event = delivery.event() != null ? delivery.event() : EventJson.mapper().readTree(delivery.record().value());
        return event.path("kafka_key").asString("unkeyed");
    }

    /**
     * The event with its task id as its last field. The stored bytes are copied as they are when they
     * carry no {@code dequeued} of their own (the usual case), so nothing is parsed and re-written.
     */
    private static void writeWithDequeued(ByteArrayOutputStream out, Lease.Delivery delivery, String taskId) {
        byte[] raw = delivery.record().value();
        int close = lastBrace(raw);
        if (close > 0 && !delivery.hasDequeued()) {
            out.write(raw, 0, close);
            if (hasMember(raw, close)) {
                out.write(',');
            }
            out.writeBytes(DEQUEUED_FIELD);
            out.write(':');
            out.writeBytes(EventJson.mapper().writeValueAsBytes(taskId));
            out.write(raw, close, raw.length - close);
            return;
        }
        ObjectNode event = delivery.event() instanceof ObjectNode parsed
                ? parsed : (ObjectNode) EventJson.mapper().readTree(raw);
        event.put("dequeued", taskId);
        out.writeBytes(EventJson.mapper().writeValueAsBytes(event));
    }

    private static int lastBrace(byte[] raw) {
        for (int i = raw.length - 1; i >= 0; i--) {
            if (raw[i] == '}') {
                return i;
            }
            if (!Character.isWhitespace(raw[i])) {
                return -1;
            }
        }
        return -1;
    }

    /** Whether the object closing at {@code close} has any member (anything but whitespace after its '{'). */
    private static boolean hasMember(byte[] raw, int close) {
        for (int i = close - 1; i >= 0; i--) {
            if (raw[i] == '{') {
                return false;
            }
            if (!Character.isWhitespace(raw[i])) {
                return true;
            }
        }
        return false;
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
