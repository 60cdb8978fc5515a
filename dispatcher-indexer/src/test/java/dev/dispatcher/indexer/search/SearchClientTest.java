package dev.dispatcher.indexer.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.dispatcher.indexer.IndexerProperties;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SearchClientTest {

    @Test
    void bareHostsGetTheSchemeAndPortAndUrlsAreKept() {
        IndexerProperties.Search settings = new IndexerProperties.Search();
        settings.setHosts(List.of("es-1", " es-2:9201", "https://es-3/prefix", ""));
        settings.setPort(9300);
        settings.setHttps(true);
        assertThat(SearchClient.hosts(settings)).containsExactly(URI.create("https://es-1:9300/"),
                URI.create("https://es-2:9201/"), URI.create("https://es-3/prefix/"));
    }

    @Test
    void noHostIsAConfigurationError() {
        IndexerProperties.Search settings = new IndexerProperties.Search();
        settings.setHosts(List.of(" "));
        assertThatThrownBy(() -> SearchClient.hosts(settings)).hasMessageContaining("dispatcher.indexer.search.hosts");
    }

    @Test
    void anUnreachableHostIsSkippedAndCredentialsAreSent() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type"));
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        try {
            IndexerProperties.Search settings = new IndexerProperties.Search();
            settings.setHosts(List.of("127.0.0.1:" + closed, "http://127.0.0.1:" + server.getAddress().getPort() + "/es/"));
            settings.setApiKey("k3y");
            settings.setUsername("ignored");
            SearchClient client = new SearchClient(settings);
            for (int i = 0; i < 2; i++) {
                assertThat(client.bulk("{}\n".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
            }
            assertThat(seen).containsExactly("POST /es/_bulk ApiKey k3y application/x-ndjson",
                    "POST /es/_bulk ApiKey k3y application/x-ndjson");

            settings.setApiKey("");
            settings.setUsername("elastic");
            settings.setPassword("changeme");
            new SearchClient(settings).send("GET", "/", null, null);
            assertThat(seen.getLast()).isEqualTo("GET /es/ Basic ZWxhc3RpYzpjaGFuZ2VtZQ== null");
        } finally {
            server.stop(0);
        }
    }
}
