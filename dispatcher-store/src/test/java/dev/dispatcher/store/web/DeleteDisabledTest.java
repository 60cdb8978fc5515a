package dev.dispatcher.store.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatcher.common.testing.WithKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** With {@code dispatcher.store.allow-delete=false} a DELETE is refused with 405 and the blob stays. */
@WithKafka
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "dispatcher.topics.prefix=store-nodelete", "dispatcher.topics.sources-helm=testing: {}",
        "dispatcher.store.backend=local", "dispatcher.store.local.root=target/store-test/nodelete/blobs",
        "dispatcher.store.spool-dir=target/store-test/nodelete/spool", "dispatcher.store.allow-delete=false"})
class DeleteDisabledTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Test
    void aDeleteIsRefusedAndTheBlobStays() throws Exception {
        byte[] bytes = "this blob may not be deleted\n".repeat(10).getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> stored = http.send(HttpRequest.newBuilder(uri("/api/v3/stream/testing/content"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stored.statusCode()).isEqualTo(200);
        String path = "/api/v3/stream/testing/content/" + json.readTree(stored.body()).get("data").get("sha256").asString();

        HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(uri(path)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).isEqualTo(405);
        assertThat(deleted.headers().firstValue("Allow")).hasValueSatisfying(
                allow -> assertThat(allow.split(", *")).containsExactlyInAnyOrder("GET", "HEAD"));
        assertThat(deleted.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(deleted.body());
        assertThat(problem.path("error_params").path("code").asString()).isEqualTo("delete_disabled");
        assertThat(problem.path("detail").asString()).contains("dispatcher.store.allow-delete");

        HttpResponse<byte[]> got = http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).isEqualTo(bytes);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
