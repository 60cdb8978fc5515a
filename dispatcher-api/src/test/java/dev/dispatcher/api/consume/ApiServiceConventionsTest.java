package dev.dispatcher.api.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dispatcher.common.event.EventJson;
import dev.dispatcher.common.testing.ServiceConventionsContract;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * dispatcher-api boots on the shared broker, provisions its topics, and serves health and metrics. It lives
 * beside the consume tests to use their clients for the work the dashboards' metrics count.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"dispatcher.topics.prefix=api-conventions", "dispatcher.topics.sources-helm=testing: {}",
                "dispatcher.tasks.deadline=2s", "dispatcher.tasks.max-attempts=2", "dispatcher.tasks.check-interval=200ms",
                "dispatcher.api.consume.lag-interval=1s"})
class ApiServiceConventionsTest extends ServiceConventionsContract {

    @Override
    protected String service() {
        return "api";
    }

    /**
     * Publishes a valid and an invalid event, simulates one, fetches passively with and without a filter that
     * rejects it and before a consumer is ready, and actively as three plugins: one answers with a heartbeat then a final status, one posts a
     * status for a task it never had, one never answers, so its task is handed out again and then times out.
     */
    @Override
    protected void exerciseForDashboards() throws Exception {
        EventsClient client = new EventsClient(port);
        ObjectNode event = TestEvents.binary("testing", "sourced", "conventions");
        ObjectNode invalid = event.deepCopy();
        invalid.remove("model_version");
        JsonNode published = client.publish("sync=true", EventJson.mapper().createArrayNode().add(event).add(invalid));
        assertThat(published.path("total_ok").asInt()).as(published.toString()).isEqualTo(1);
        assertThat(published.path("total_failures").asInt()).isEqualTo(1);
        assertThat(post("/api/v2/event/simulate", event).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(40)).until(() -> client.passive("conventions-reader", "count=1&timeout=1")
                .events().size() == 1);
        await().atMost(Duration.ofSeconds(40)).until(() -> client.passive("conventions-picky", "count=1&timeout=1"
                + "&f-max-content-size=10").info().path("filtered").asInt() == 1);

        // A plugin's very first fetch, answered at once: its consumer has not joined its group yet.
        await().atMost(Duration.ofSeconds(20)).until(() -> !client.passive("conventions-hasty-" + System.nanoTime(),
                "count=1&timeout=0").info().path("ready").asBoolean(true));

        JsonNode answered = ActiveTaskIntegrationTest.fetchOne(client, "conventions-answering", "testing");
        client.publish("sync=true", ActiveTaskIntegrationTest.status("conventions-answering", answered, "heartbeat"));
        client.publish("sync=true", ActiveTaskIntegrationTest.status("conventions-answering", answered, "completed"));
        ObjectNode stranger = (ObjectNode) answered.deepCopy();
        stranger.put("dequeued", answered.path("kafka_key").asString() + ".conventions-stranger.1.1764756000.a1-0badcafe");
        client.publish("sync=true", ActiveTaskIntegrationTest.status("conventions-stranger", stranger, "completed"));

        ActiveTaskIntegrationTest.fetchOne(client, "conventions-silent", "testing");
        ActiveTaskIntegrationTest.fetchOne(client, "conventions-silent", "testing");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> client.metrics().contains("dispatcher_tasks_timed_out_total{plugin=\"conventions-silent\"}"));
    }

    private HttpResponse<String> post(String path, JsonNode body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(EventJson.mapper().writeValueAsBytes(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
