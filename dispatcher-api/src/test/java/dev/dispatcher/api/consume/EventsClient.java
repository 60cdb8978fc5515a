package dev.dispatcher.api.consume;

import dev.dispatcher.common.event.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** HTTP client of the fetch endpoints, for tests: one instance per api replica. */
final class EventsClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;

    EventsClient(int port) {
        this.port = port;
    }

    /** A fetch answered as JSON: its info and its events. */
    record Fetched(int status, JsonNode info, List<JsonNode> events, String body) {

        List<String> sha256s() {
            return events.stream().map(e -> e.path("entity").path("sha256").asString()).toList();
        }
    }

    /** {@code GET /api/v2/event/{model}/{mode}?query} asking for JSON. */
    Fetched fetch(String model, String mode, String query) {
        HttpResponse<String> response = get("/api/v2/event/" + model + "/" + mode + "?" + query, "application/json");
        if (response.statusCode() != 200) {
            return new Fetched(response.statusCode(), null, List.of(), response.body());
        }
        JsonNode body = EventJson.mapper().readTree(response.body());
        List<JsonNode> events = new ArrayList<>();
        body.path("events").forEach(events::add);
        return new Fetched(200, body.path("info"), events, response.body());
    }

    /** Passive binary fetch of one plugin. */
    Fetched passive(String plugin, String extraQuery) {
        return fetch("binary", "passive", "name=" + plugin + "&version=1.0&" + extraQuery);
    }

    /** {@code POST /api/v2/event?query} with a JSON body (one event or an array); the answer's body as a tree. */
    JsonNode publish(String query, JsonNode body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v2/event?" + query))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(EventJson.mapper().writeValueAsBytes(body)))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode answer = EventJson.mapper().readTree(response.body());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("publish answered " + response.statusCode() + ": " + response.body());
            }
            return answer;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The Prometheus scrape. */
    String metrics() {
        return get("/metrics", null).body();
    }

    HttpResponse<String> get(String pathAndQuery, String accept) {
        return send(pathAndQuery, accept, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> getBytes(String pathAndQuery, String accept) {
        return send(pathAndQuery, accept, HttpResponse.BodyHandlers.ofByteArray());
    }

    private <T> HttpResponse<T> send(String pathAndQuery, String accept, HttpResponse.BodyHandler<T> body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(90));
        if (accept != null) {
            request.header("Accept", accept);
        }
        try {
            return HTTP.send(request.build(), body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
