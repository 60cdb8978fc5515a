package dev.dispatcher.api.publish;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.dispatcher.common.event.EventJson;
import dev.dispatcher.common.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;

/**
 * Reads a publish body as raw bytes, whatever its Content-Type, within the size limits, and splits
 * it into events that each keep their exact bytes (echoed back in {@code failures}).
 */
@Component
class PublishBodyReader {

    /** Name of the whole body in {@code error_params}; elements are {@code body[i]}. */
    static final String BODY = "body";

    private static final int CHUNK = 64 * 1024;

    /** The event mapper reading one element at a time: what follows an element is the next one, not trailing garbage. */
    private static final ObjectReader ELEMENTS = EventJson.mapper().readerFor(JsonNode.class)
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final PublishProperties properties;

    PublishBodyReader(PublishProperties properties) {
        this.properties = properties;
    }

    /** One event of the body: where it was, its tree, and its JSON exactly as received. */
    record Received(int index, String parameter, JsonNode tree, String json) {
    }

    /**
     * The body's bytes, read to the end but never beyond {@code max-request-size}: a chunked body
     * or a wrong Content-Length cannot make the service buffer more than that.
     */
    byte[] read(HttpServletRequest request) {
        long max = properties.getMaxRequestSize().toBytes();
        long declared = request.getContentLengthLong();
        if (declared > max) {
            throw requestTooLarge(declared + " bytes");
        }
        var body = new ByteArrayOutputStream(declared > 0 ? (int) declared : CHUNK);
        byte[] chunk = new byte[CHUNK];
        long total = 0;
        try (InputStream in = request.getInputStream()) {
            for (int n = in.read(chunk); n != -1; n = in.read(chunk)) {
                total += n;
                if (total > max) {
                    throw requestTooLarge("more than " + max + " bytes");
                }
                body.write(chunk, 0, n);
            }
        } catch (IOException e) {
            throw ApiException.badParameter(BODY, "The request body could not be read: " + e.getMessage());
        }
        return body.toByteArray();
    }

    /**
     * The events of a body holding one JSON object or an array of objects.
     *
     * @throws ApiException 400 naming {@code body} or {@code body[i]} for anything that is not that,
     *                      413 naming the event for one larger than {@code max-event-size}
     */
    List<Received> split(byte[] body) {
        String where = BODY;
        try (JsonParser parser = ELEMENTS.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw ApiException.badParameter(BODY,
                        "The request body is empty: send one JSON event or a JSON array of events.");
            }
            List<Received> events = new ArrayList<>();
            if (first == JsonToken.START_OBJECT) {
                events.add(element(parser, body, 0, BODY));
            } else if (first == JsonToken.START_ARRAY) {
                for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                    int index = events.size();
                    where = BODY + "[" + index + "]";
                    if (token != JsonToken.START_OBJECT) {
                        throw ApiException.badParameter(where,
                                "Element " + index + " of the body is " + describe(token) + ", not a JSON object (an event).");
                    }
                    events.add(element(parser, body, index, where));
                }
                where = BODY;
                if (events.isEmpty()) {
                    throw ApiException.badParameter(BODY, "The request body is an empty array: there is no event to publish.");
                }
            } else {
                throw ApiException.badParameter(BODY,
                        "The request body is " + describe(first) + ": send one JSON event (an object) or a JSON array of events.");
            }
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw ApiException.badParameter(BODY, "The request body holds more than one JSON value: found "
                        + describe(trailing) + " after the end at " + offset(parser.currentTokenLocation()) + ".");
            }
            return events;
        } catch (JacksonException e) {
            throw ApiException.badParameter(where, "The request body is not valid JSON"
                    + (where.equals(BODY) ? "" : " in " + where) + ": " + e.getOriginalMessage()
                    + " (" + offset(e.getLocation()) + ").");
        }
    }

    private Received element(JsonParser parser, byte[] body, int index, String where) {
        long start = parser.currentTokenLocation().getByteOffset();
        JsonNode tree = ELEMENTS.readTree(parser);
        long end = parser.currentLocation().getByteOffset();
        long size = end - start;
        DataSize max = properties.getMaxEventSize();
        if (size > max.toBytes()) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "event_too_large",
                    "Event " + where + " is " + size + " bytes of JSON, more than the " + max.toBytes()
                            + " bytes (dispatcher.api.publish.max-event-size) one event may have; nothing was published.",
                    Map.of("parameter", where));
        }
        return new Received(index, where, tree, new String(body, (int) start, (int) size, UTF_8));
    }

    private ApiException requestTooLarge(String size) {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "request_too_large",
                "The request body is " + size + ", more than the " + properties.getMaxRequestSize().toBytes()
                        + " bytes (dispatcher.api.publish.max-request-size) one request may have; send fewer events per request.",
                Map.of("parameter", BODY));
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> "'" + token.asString() + "'";
        };
    }

    private static String offset(TokenStreamLocation location) {
        return location == null ? "position unknown"
                : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
