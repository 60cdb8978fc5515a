package dev.dispatcher.api.consume;

import static dev.dispatcher.api.consume.ActiveTaskIntegrationTest.active;
import static dev.dispatcher.api.consume.ActiveTaskIntegrationTest.sha;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dispatcher.api.DispatcherApiApplication;
import dev.dispatcher.common.testing.KafkaBroker;
import dev.dispatcher.common.testing.WithKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** {@code pause_plugins=true}: both replicas stop handing out tasks, passive goes on, the pause's events are skipped. */
@WithKafka
@SpringBootTest(classes = DispatcherApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {PauseIntegrationTest.PREFIX, PauseIntegrationTest.SOURCES, PauseIntegrationTest.PAUSE})
class PauseIntegrationTest extends RunningApi {

    static final String PREFIX = "dispatcher.topics.prefix=pause";
    static final String SOURCES = "dispatcher.topics.sources-helm={paused: {}}";
    static final String PAUSE = "dispatcher.pause.duration=8s";

    @Test
    void aPauseStopsActiveFetchesOnEveryReplicaButNotPassiveAndItsEventsAreNeverTasks() {
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(DispatcherApiApplication.class)
                .properties("server.port=0", PREFIX, SOURCES, PAUSE, "spring.kafka.bootstrap-servers=" + KafkaBroker.bootstrapServers(),
                        "logging.structured.format.console=").run()) {
            EventsClient other = new EventsClient(((WebServerApplicationContext) second).getWebServer().getPort());
            // Both plugins have their groups before anything is published.
            assertThat(active(client, "worker", "paused", 1).events()).isEmpty();
            assertThat(passive(client).events()).isEmpty();
            client.publish("sync=true", TestEvents.binary("paused", "sourced", "before"));
            assertThat(shas(collect(client, 1))).containsExactly(TestEvents.sha256("before"));

            client.publish("sync=true&pause_plugins=true", TestEvents.binary("paused", "sourced", "during-1"));
            client.publish("sync=true", TestEvents.binary("paused", "sourced", "during-2"));

            for (EventsClient replica : List.of(client, other)) {
                await().atMost(Duration.ofSeconds(5)).until(() -> active(replica, "worker", "paused", 1).info().path("paused").asBoolean());
                EventsClient.Fetched paused = active(replica, "worker", "paused", 1);
                assertThat(paused.events()).isEmpty();
                assertThat(paused.info().path("paused").asBoolean()).isTrue();
            }
            List<JsonNode> passive = new ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                // The auditor's partitions are shared by its consumers on both replicas.
                passive.addAll(passive(client).events());
                passive.addAll(passive(other).events());
                return passive.size() >= 3;
            });
            assertThat(shas(passive)).containsExactlyInAnyOrder(TestEvents.sha256("before"), TestEvents.sha256("during-1"),
                    TestEvents.sha256("during-2"));

            List<JsonNode> after = new ArrayList<>();
            List<JsonNode> infos = new ArrayList<>();
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                EventsClient.Fetched fetched = active(other, "worker", "paused", 1);
                after.addAll(fetched.events());
                infos.add(fetched.info());
                return !fetched.info().path("paused").asBoolean();
            });
            client.publish("sync=true", TestEvents.binary("paused", "sourced", "after"));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (EventsClient replica : List.of(client, other)) {
                    EventsClient.Fetched fetched = active(replica, "worker", "paused", 1);
                    after.addAll(fetched.events());
                    infos.add(fetched.info());
                }
                return !after.isEmpty();
            });
            for (EventsClient replica : List.of(client, other)) {
                EventsClient.Fetched fetched = active(replica, "worker", "paused", 1);
                after.addAll(fetched.events());
                infos.add(fetched.info());
            }
            assertThat(shas(after)).containsExactly(TestEvents.sha256("after"));
            assertThat(infos.stream().mapToInt(i -> i.path("filters").path("paused").asInt(0)).sum()).isEqualTo(2);
        }
    }

    private List<JsonNode> collect(EventsClient replica, int count) {
        List<JsonNode> got = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            got.addAll(active(replica, "worker", "paused", 1).events());
            return got.size() >= count;
        });
        return got;
    }

    private static EventsClient.Fetched passive(EventsClient replica) {
        return replica.fetch("binary", "passive", "name=auditor&version=1&r-source=paused&count=10&timeout=1");
    }

    private static List<String> shas(List<JsonNode> events) {
        return events.stream().map(ActiveTaskIntegrationTest::sha).toList();
    }
}
