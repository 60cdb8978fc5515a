package dev.dispatcher.indexer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Test helpers on an OpenSearch node: counts and documents, as a user would look. */
final class Search {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Search() {
    }

    /** Documents in an index after a refresh; -1 when the index does not exist (yet) or the node is away. */
    static long count(URI node, String index) {
        try {
            send(node, "POST", "/" + index + "/_refresh");
            HttpResponse<String> response = send(node, "GET", "/" + index + "/_count");
            return response.statusCode() == 200 ? JSON.readTree(response.body()).path("count").asLong() : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /** The source of a document, or null. */
    static JsonNode document(URI node, String index, String id) throws IOException {
        HttpResponse<String> response = send(node, "GET", "/" + index + "/_doc/" + id);
        return response.statusCode() == 200 ? JSON.readTree(response.body()).path("_source") : null;
    }

    static HttpResponse<String> send(URI node, String method, String path) throws IOException {
        try {
            return HTTP.send(HttpRequest.newBuilder(node.resolve(path)).timeout(Duration.ofSeconds(10))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
