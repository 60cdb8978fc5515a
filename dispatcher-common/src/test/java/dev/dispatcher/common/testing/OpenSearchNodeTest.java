package dev.dispatcher.common.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The shared OpenSearch node answers health, indexes a document and finds it, over plain HTTP. */
class OpenSearchNodeTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void clusterHealthAnswers() throws Exception {
        Reply health = call("GET", "/_cluster/health", null);

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isIn("green", "yellow");
        assertThat(health.json().path("number_of_nodes").asInt()).isEqualTo(1);
    }

    @Test
    void indexesAndFindsADocument() throws Exception {
        String index = "fixture-" + UUID.randomUUID().toString().substring(0, 8);
        // One node cannot hold replicas: with the default of 1 the index would stay yellow.
        Reply created = call("PUT", "/" + index,
                "{\"settings\":{\"number_of_shards\":1,\"number_of_replicas\":0},"
                        + "\"mappings\":{\"properties\":{\"sha256\":{\"type\":\"keyword\"}}}}");
        assertThat(created.status()).as(created.body()).isEqualTo(200);

        Reply indexed = call("PUT", "/" + index + "/_doc/1", "{\"sha256\":\"abc123\",\"name\":\"sample.exe\"}");
        assertThat(indexed.status()).as(indexed.body()).isEqualTo(201);
        assertThat(call("POST", "/" + index + "/_refresh", null).status()).isEqualTo(200);

        Reply count = call("GET", "/" + index + "/_count", null);
        assertThat(count.json().path("count").asLong()).isEqualTo(1);

        Reply search = call("POST", "/" + index + "/_search", "{\"query\":{\"term\":{\"sha256\":\"abc123\"}}}");
        assertThat(search.status()).as(search.body()).isEqualTo(200);
        JsonNode hits = search.json().path("hits").path("hits");
        assertThat(hits.size()).isEqualTo(1);
        assertThat(hits.get(0).path("_id").asString()).isEqualTo("1");
        assertThat(hits.get(0).path("_source").path("name").asString()).isEqualTo("sample.exe");

        Reply health = call("GET", "/_cluster/health/" + index, null);
        assertThat(health.json().path("status").asString()).isEqualTo("green");

        assertThat(call("DELETE", "/" + index, null).status()).isEqualTo(200);
    }

    private record Reply(int status, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    @Test
    void aDedicatedNodeStopsAndComesBackWithItsData() throws Exception {
        try (OpenSearchNode.Dedicated node = OpenSearchNode.dedicated()) {
            URI uri = node.httpUri();
            assertThat(uri).isNotEqualTo(OpenSearchNode.httpUri());
            assertThat(call(uri, "PUT", "/kept", "{\"settings\":{\"number_of_replicas\":0}}").status()).isEqualTo(200);
            assertThat(call(uri, "PUT", "/kept/_doc/1?refresh=true", "{\"a\":1}").status()).isEqualTo(201);

            node.stop();
            assertThatThrownBy(() -> call(uri, "GET", "/", null)).isInstanceOf(IOException.class);

            node.start();
            assertThat(node.httpUri()).isEqualTo(uri);
            assertThat(call(uri, "GET", "/_cluster/health/kept?wait_for_status=green&timeout=30s", null).status()).isEqualTo(200);
            assertThat(call(uri, "GET", "/kept/_doc/1", null).json().path("found").asBoolean()).isTrue();
        }
    }

    private static Reply call(String method, String path, String json) throws IOException, InterruptedException {
        return call(OpenSearchNode.httpUri(), method, path, json);
    }

    private static Reply call(URI node, String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }
}
