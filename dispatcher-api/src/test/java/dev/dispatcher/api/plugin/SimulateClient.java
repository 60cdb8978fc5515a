package dev.dispatcher.api.plugin;

import dev.dispatcher.common.event.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/** HTTP client of {@code POST /api/v2/event/simulate} and {@code /metrics}, for tests. */
final class SimulateClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;

    SimulateClient(int port) {
        this.port = port;
    }

    /** An answer: status, Content-Type, body, and the body as JSON (missing when it is not JSON). */
    record Response(int status, String contentType, String body, JsonNode json) {

        /** The verdict for one plugin, if the answer lists it. */
        Optional<JsonNode> consumer(String name, String version) {
            for (JsonNode consumer : json.path("consumers")) {
                if (consumer.path("name").asString().equals(name) && consumer.path("version").asString().equals(version)) {
                    return Optional.of(consumer);
                }
            }
            return Optional.empty();
        }

        String parameter() {
            return json.path("error_params").path("parameter").asString(null);
        }
    }

    /** Posts {@code body} as Azul's client does: JSON, {@code Accept: *}{@code /*}. */
    Response simulate(String query, String body) {
        HttpRequest request = HttpRequest.newBuilder(uri("/api/v2/event/simulate" + (query.isEmpty() ? "" : "?" + query)))
                .header("Content-Type", "application/json")
                .header("Accept", "*/*")
                .header("User-Agent", "dpclient-py-test")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = send(request);
        JsonNode json;
        try {
            json = EventJson.mapper().readTree(response.body());
        } catch (JacksonException e) {
            json = MissingNode.getInstance();
        }
        return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body(), json == null ? MissingNode.getInstance() : json);
    }

    /** Publishes {@code body} through {@code POST /api/v2/event}, as Azul's client does; the status code. */
    int publish(String query, String body) {
        HttpRequest request = HttpRequest.newBuilder(uri("/api/v2/event?" + query))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return send(request).statusCode();
    }

    /** The Prometheus text of {@code /metrics}. */
    String metrics() {
        return send(HttpRequest.newBuilder(uri("/metrics")).timeout(Duration.ofSeconds(30)).build()).body();
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
