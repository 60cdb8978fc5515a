package dev.dispatcher.api.publish;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.dispatcher.common.event.EventJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Talks to {@code POST /api/v2/event} of a running instance the way a plugin would. */
final class PublishClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    PublishClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** An answer: status, Content-Type, and the body as text and (when it is JSON) as a tree. */
    record Response(int status, String contentType, String body, JsonNode json) {

        /** {@code error_params.parameter} of a problem answer. */
        String parameter() {
            return json.path("error_params").path("parameter").asString();
        }

        /** The stable machine code of a problem answer ({@code error_params.code}). */
        String code() {
            return json.path("error_params").path("code").asString();
        }
    }

    /** Posts {@code body} as {@code application/json} with the query string {@code query} (may be empty). */
    Response post(String query, String body) {
        return post(query, body.getBytes(UTF_8), "application/json");
    }

    /** Posts {@code body} with {@code contentType}, or without a Content-Type when it is null. */
    Response post(String query, byte[] body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(query))
                .timeout(Duration.ofSeconds(60))
                .header("User-Agent", "dpclient-py-publish-test")
                .header("Accept", "*/*")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    /** Posts {@code body} chunked, so the server cannot know its length up front. */
    Response postChunked(String query, byte[] body) {
        return send(HttpRequest.newBuilder(uri(query))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build());
    }

    /** The Prometheus scrape. */
    String metrics() {
        return send(HttpRequest.newBuilder(URI.create(base + "/metrics")).GET().build()).body();
    }

    private URI uri(String query) {
        return URI.create(base + "/api/v2/event" + (query == null || query.isEmpty() ? "" : "?" + query));
    }

    private static Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            String type = response.headers().firstValue("Content-Type").orElse("");
            return new Response(response.statusCode(), type, response.body(), json(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(String body) {
        try {
            return EventJson.mapper().readTree(body);
        } catch (JacksonException e) {
            return EventJson.mapper().missingNode();
        }
    }
}
