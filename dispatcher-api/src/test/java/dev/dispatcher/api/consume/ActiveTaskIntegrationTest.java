package dev.dispatcher.api.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dispatcher.api.DispatcherApiApplication;
import dev.dispatcher.api.task.TaskId;
import dev.dispatcher.common.event.EventJson;
import dev.dispatcher.common.testing.KafkaBroker;
import dev.dispatcher.common.testing.WithKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Active tasks through HTTP on a real broker: redelivery, heartbeats, final statuses, the last attempt, replicas. */
@WithKafka
@SpringBootTest(classes = DispatcherApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {ActiveTaskIntegrationTest.PREFIX, ActiveTaskIntegrationTest.SOURCES, ActiveTaskIntegrationTest.DEADLINE,
                ActiveTaskIntegrationTest.ATTEMPTS, "dispatcher.tasks.check-interval=200ms",
                "dispatcher.tasks.watcher-session-timeout=6s"})
class ActiveTaskIntegrationTest extends RunningApi {

    static final String PREFIX = "dispatcher.topics.prefix=tasks";
    static final String SOURCES = "dispatcher.topics.sources-helm={unanswered: {}, beating: {}, answered: {}, "
            + "exhausted: {}, crossed: {}, counted: {}, republished: {}, committed: {}}";
    static final String DEADLINE = "dispatcher.tasks.deadline=3s";
    static final String ATTEMPTS = "dispatcher.tasks.max-attempts=3";
    /** Longer than a deadline plus the watcher's check interval and a fetch round trip. */
    static final Duration PAST_DEADLINE = Duration.ofSeconds(6);

    /**
     * An active fetch answers only once Kafka has the plugin group's offsets past what it hands out: a replica
     * dying right after answering leaves nothing for another replica to hand out again as a new task.
     */
    @Test
    void anActiveFetchAnswersOnlyOnceItsOffsetsAreCommitted() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> active(client, "committer", "committed", 1).info().path("ready").asBoolean());
        List<ObjectNode> events = IntStream.range(0, 5).mapToObj(i -> TestEvents.binary("committed", "sourced", "c" + i)).toList();
        TestEvents.sendAll(plan.layout(), events);
        String topic = plan.layout().binary("committed", "sourced");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers()))) {
            String live = admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get(30, TimeUnit.SECONDS).stream()
                    .map(GroupListing::groupId).filter(id -> id.contains(".committer.") && id.endsWith(".live"))
                    .findFirst().orElseThrow();
            int got = 0;
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (got < events.size() && System.nanoTime() < until) {
                int fetched = active(client, "committer", "committed", 2).events().size();
                got += fetched;
                if (fetched > 0) {
                    // Read at once, no waiting: what the response carried is committed already.
                    long committed = admin.listConsumerGroupOffsets(live).partitionsToOffsetAndMetadata()
                            .get(30, TimeUnit.SECONDS).entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
                            .mapToLong(e -> e.getValue().offset()).sum();
                    assertThat(committed).as("offsets of %s on %s after %d events", live, topic, got).isEqualTo(got);
                }
            }
            assertThat(got).isEqualTo(events.size());
        }
    }

    @Test
    void anUnansweredTaskComesBackWithANewIdAndItsAttempt() {
        TestEvents.send(plan.layout(), TestEvents.binary("unanswered", "sourced", "u1"));
        JsonNode first = fetchOne(client, "silent", "unanswered");

        JsonNode again = fetchOne(client, "silent", "unanswered");

        assertThat(sha(again)).isEqualTo(sha(first));
        String id = again.path("dequeued").asString();
        assertThat(id).isNotEqualTo(first.path("dequeued").asString());
        assertThat(TaskId.wellFormed(id)).isTrue();
        assertThat(TaskId.attempt(first.path("dequeued").asString())).isEqualTo(1);
        assertThat(TaskId.attempt(id)).isEqualTo(2);
        assertThat(id).startsWith(first.path("kafka_key").asString() + ".silent.1.");
    }

    @Test
    void heartbeatsKeepATaskAwayAndAFinalStatusEndsIt() throws InterruptedException {
        TestEvents.send(plan.layout(), TestEvents.binary("beating", "sourced", "b1"));
        JsonNode task = fetchOne(client, "beater", "beating");

        // Three deadlines long, a heartbeat every second: never handed out again meanwhile.
        long until = System.nanoTime() + Duration.ofSeconds(9).toNanos();
        while (System.nanoTime() < until) {
            client.publish("sync=true", status("beater", task, "heartbeat"));
            assertThat(active(client, "beater", "beating", 1).events()).isEmpty();
        }
        client.publish("sync=true", status("beater", task, "completed-empty"));

        assertNothingFor(client, "beater", "beating", PAST_DEADLINE);
    }

    @Test
    void aFinalStatusStopsRedelivery() {
        TestEvents.send(plan.layout(), TestEvents.binary("answered", "sourced", "a1"));
        JsonNode task = fetchOne(client, "answerer", "answered");

        JsonNode answer = client.publish("sync=true", status("answerer", task, "error-exception"));

        assertThat(answer.path("total_ok").asInt()).isEqualTo(1);
        assertNothingFor(client, "answerer", "answered", PAST_DEADLINE);
    }

    @Test
    void afterTheLastAttemptTheDispatcherPublishesExactlyOneErrorTimeout() {
        TestEvents.send(plan.layout(), TestEvents.binary("exhausted", "sourced", "e1"));
        List<String> ids = new ArrayList<>();
        for (int attempt = 1; attempt <= 3; attempt++) {
            JsonNode task = fetchOne(client, "ignorer", "exhausted");
            ids.add(task.path("dequeued").asString());
        }
        assertThat(ids).doesNotHaveDuplicates().extracting(TaskId::attempt).containsExactly(1, 2, 3);

        List<JsonNode> timeouts = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            timeouts.addAll(timeouts(client, sha256("e1")));
            return !timeouts.isEmpty();
        });
        assertNothingFor(client, "ignorer", "exhausted", PAST_DEADLINE);
        timeouts.addAll(timeouts(client, sha256("e1")));

        assertThat(timeouts).hasSize(1);
        JsonNode status = timeouts.getFirst();
        assertThat(status.path("author").path("name").asString()).isEqualTo("dispatcher");
        assertThat(status.path("entity").path("input").path("dequeued").asString()).isEqualTo(ids.get(2));
        assertThat(status.path("entity").path("message").asString()).contains("ignorer").contains("3 attempts");
    }

    @Test
    void aStatusPostedToAnotherReplicaEndsATaskHandedOutHere() {
        try (ConfigurableApplicationContext second = secondReplica()) {
            EventsClient other = new EventsClient(((WebServerApplicationContext) second).getWebServer().getPort());
            TestEvents.send(plan.layout(), TestEvents.binary("crossed", "sourced", "c1"));
            JsonNode task = fetchOne(client, "crosser", "crossed");

            other.publish("sync=true", status("crosser", task, "completed-empty"));

            long until = System.nanoTime() + PAST_DEADLINE.toNanos();
            while (System.nanoTime() < until) {
                assertThat(active(client, "crosser", "crossed", 1).events()).isEmpty();
                assertThat(active(other, "crosser", "crossed", 1).events()).isEmpty();
            }
        }
    }

    @Test
    void theTaskMetersFollowATaskFromItsHandOutToItsEndAndCountAStatusForAnEndedTask() {
        TestEvents.send(plan.layout(), TestEvents.binary("counted", "sourced", "m1"));
        JsonNode task = fetchOne(client, "counter", "counted");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String metrics = client.metrics();
            assertThat(metrics).contains("dispatcher_tasks_started_total{plugin=\"counter\"} 1.0")
                    .contains("dispatcher_tasks_in_flight{plugin=\"counter\"} 1.0");
        });
        client.publish("sync=true", status("counter", task, "heartbeat"));
        client.publish("sync=true", status("counter", task, "completed"));
        client.publish("sync=true", status("counter", task, "completed"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String metrics = client.metrics();
            assertThat(metrics).contains("dispatcher_tasks_heartbeats_total{plugin=\"counter\"} 1.0")
                    .contains("dispatcher_tasks_finished_total{plugin=\"counter\",status=\"completed\"} 1.0")
                    .contains("dispatcher_tasks_in_flight{plugin=\"counter\"} 0.0")
                    .containsPattern("dispatcher_tasks_unknown_statuses_total\\{status=\"completed\"} [1-9]")
                    .contains("dispatcher_plugins_paused 0.0")
                    .containsPattern("dispatcher_tasks_watcher_partitions [1-9]");
        });
    }

    @Test
    void publishedEventsGetOneFreshTaskIdEvenWhenTheyCarryAnOldOne() {
        ObjectNode carrying = TestEvents.binary("republished", "sourced", "r1");
        carrying.put("dequeued", "old.plugin.1.1795320414.a1-0f1e2d3c");
        client.publish("sync=true", EventJson.mapper().createArrayNode().add(carrying)
                .add(TestEvents.binary("republished", "sourced", "r2")));

        List<JsonNode> got = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        await().atMost(Duration.ofSeconds(40)).until(() -> {
            EventsClient.Fetched fetched = active(client, "republisher", "republished", 2);
            got.addAll(fetched.events());
            bodies.add(fetched.body());
            return got.size() >= 2;
        });

        assertThat(got).extracting(ActiveTaskIntegrationTest::sha)
                .containsExactlyInAnyOrder(sha256("r1"), sha256("r2"));
        assertThat(got).allSatisfy(t -> assertThat(TaskId.wellFormed(t.path("dequeued").asString())).isTrue());
        assertThat(String.join("", bodies)).doesNotContain("old.plugin");
        bodies.forEach(body -> assertThat(body.split("\"dequeued\"", -1)).hasSizeLessThanOrEqualTo(3));
    }

    private ConfigurableApplicationContext secondReplica() {
        return new SpringApplicationBuilder(DispatcherApiApplication.class).properties("server.port=0", PREFIX, SOURCES,
                DEADLINE, ATTEMPTS, "dispatcher.tasks.check-interval=200ms", "dispatcher.tasks.watcher-session-timeout=6s",
                "spring.kafka.bootstrap-servers=" + KafkaBroker.bootstrapServers(), "logging.structured.format.console=").run();
    }

    /** Active fetches of one plugin until one event comes (bounded). */
    static JsonNode fetchOne(EventsClient client, String plugin, String source) {
        List<JsonNode> got = new ArrayList<>();
        await().atMost(Duration.ofSeconds(40)).until(() -> {
            got.addAll(active(client, plugin, source, 2).events());
            return !got.isEmpty();
        });
        assertThat(got).hasSize(1);
        return got.getFirst();
    }

    static EventsClient.Fetched active(EventsClient client, String plugin, String source, int timeoutSeconds) {
        EventsClient.Fetched fetched = client.fetch("binary", "active",
                "name=" + plugin + "&version=1&r-source=" + source + "&count=10&timeout=" + timeoutSeconds);
        assertThat(fetched.status()).as(fetched.body()).isEqualTo(200);
        return fetched;
    }

    static void assertNothingFor(EventsClient client, String plugin, String source, Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < until) {
            assertThat(active(client, plugin, source, 1).events()).isEmpty();
        }
    }

    /** The error-timeout statuses about this sha256 published since this reader last looked. */
    static List<JsonNode> timeouts(EventsClient client, String sha256) {
        List<JsonNode> found = new ArrayList<>();
        client.fetch("status", "passive", "name=timeout-reader-" + sha256.substring(0, 8) + "&version=1&count=100&timeout=1")
                .events().forEach(status -> {
                    if (status.path("entity").path("status").asString().equals("error-timeout")
                            && sha(status.path("entity").path("input")).equals(sha256)) {
                        found.add(status);
                    }
                });
        return found;
    }

    /** A plugin's status on a task, the input echoed as fetched. */
    static ObjectNode status(String plugin, JsonNode task, String status) {
        ObjectNode event = EventJson.mapper().createObjectNode();
        event.put("model_version", 6);
        event.put("timestamp", "2026-12-02T10:00:00+00:00");
        event.putObject("author").put("name", plugin).put("version", "1").put("category", "plugin");
        ObjectNode entity = event.putObject("entity");
        entity.set("input", task);
        entity.put("status", status);
        return event;
    }

    static String sha(JsonNode event) {
        return event.path("entity").path("sha256").asString();
    }

    static String sha256(String name) {
        return TestEvents.sha256(name);
    }
}
