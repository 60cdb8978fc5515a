package dev.dispatcher.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatcher.common.testing.ServiceConventionsContract;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Random;
import org.springframework.boot.test.context.SpringBootTest;

/** dispatcher-store boots on the shared broker, provisions its topics, and serves health and metrics. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"dispatcher.topics.prefix=store-conventions", "dispatcher.topics.sources-helm=testing: {}",
                "dispatcher.store.local.root=target/store-test/conventions"})
class StoreServiceConventionsTest extends ServiceConventionsContract {

    @Override
    protected String service() {
        return "store";
    }

    /** Random bytes (no format: an identification failure) uploaded, checked, read and deleted. */
    @Override
    protected void exerciseForDashboards() throws Exception {
        byte[] noise = new byte[8192];
        new Random(7).nextBytes(noise);
        HttpClient http = HttpClient.newHttpClient();
        String streams = "http://127.0.0.1:" + port + "/api/v3/stream/testing/content";
        HttpResponse<String> upload = http.send(HttpRequest.newBuilder(URI.create(streams))
                .POST(HttpRequest.BodyPublishers.ofByteArray(noise)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
        URI blob = URI.create(streams + "/" + upload.body().replaceAll(".*\"sha256\":\"([0-9a-f]{64})\".*", "$1"));

        assertThat(http.send(HttpRequest.newBuilder(blob).HEAD().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode()).isEqualTo(200);
        assertThat(http.send(HttpRequest.newBuilder(blob).build(), HttpResponse.BodyHandlers.ofByteArray()).body())
                .isEqualTo(noise);
        assertThat(http.send(HttpRequest.newBuilder(blob).DELETE().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode()).isEqualTo(200);
    }
}
