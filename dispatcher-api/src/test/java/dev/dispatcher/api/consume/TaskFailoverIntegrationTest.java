package dev.dispatcher.api.consume;

import static dev.dispatcher.api.consume.ActiveTaskIntegrationTest.active;
import static dev.dispatcher.api.consume.ActiveTaskIntegrationTest.sha;
import static dev.dispatcher.api.consume.ActiveTaskIntegrationTest.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dispatcher.api.DispatcherApiApplication;
import dev.dispatcher.api.task.TaskId;
import dev.dispatcher.common.event.EventJson;
import dev.dispatcher.common.testing.WithKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Active tasks when an api replica dies: a second replica runs in a child JVM and is killed with
 * SIGKILL, so its in-memory share of the deadline watcher is gone and its group memberships time out.
 */
@WithKafka
@SpringBootTest(classes = DispatcherApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TaskFailoverIntegrationTest.PREFIX, TaskFailoverIntegrationTest.SOURCES, TaskFailoverIntegrationTest.DEADLINE,
                TaskFailoverIntegrationTest.ATTEMPTS, TaskFailoverIntegrationTest.CHECK, TaskFailoverIntegrationTest.SESSION})
class TaskFailoverIntegrationTest extends RunningApi {

    static final String PREFIX = "dispatcher.topics.prefix=failover";
    static final String SOURCES = "dispatcher.topics.sources-helm={killed: {}, soak: {}}";
    /**
     * Longer than a dead replica's partitions take to move (its watcher share 6 s, its plugin groups the test
     * broker's 10 s session timeout, a revived historic consumer up to 10 s more): a redelivery waiting on a dead
     * replica's partition for a whole deadline would count as another attempt.
     */
    static final String DEADLINE = "dispatcher.tasks.deadline=15s";
    static final String ATTEMPTS = "dispatcher.tasks.max-attempts=3";
    static final String CHECK = "dispatcher.tasks.check-interval=200ms";
    static final String SESSION = "dispatcher.tasks.watcher-session-timeout=6s";

    @Test
    void tasksHandedOutByAKilledReplicaAreHandedOutAgainByAnother() throws Exception {
        List<String> shas = new ArrayList<>();
        try (ApiProcess doomed = ApiProcess.start(PREFIX, SOURCES, DEADLINE, ATTEMPTS, CHECK, SESSION)) {
            EventsClient other = new EventsClient(doomed.port());
            List<ObjectNode> events = IntStream.range(0, 12).mapToObj(i -> TestEvents.binary("killed", "sourced", "k" + i)).toList();
            TestEvents.sendAll(plan.layout(), events);
            events.forEach(e -> shas.add(sha(e)));
            List<JsonNode> first = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                first.addAll(active(other, "victim", "killed", 2).events());
                return first.size() >= shas.size();
            });
            assertThat(first).extracting(ActiveTaskIntegrationTest::sha).containsExactlyInAnyOrderElementsOf(shas);
            doomed.kill(); // its tasks are tracked in Kafka only now
        }

        // This replica takes over the dead one's share of the watcher (session timeout), rebuilds it, and the
        // dead one's partitions of the plugin's groups (the broker's session timeout for them).
        List<JsonNode> again = new ArrayList<>();
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            again.addAll(active(client, "victim", "killed", 2).events());
            return again.size() >= shas.size();
        });
        assertThat(again).extracting(ActiveTaskIntegrationTest::sha).containsExactlyInAnyOrderElementsOf(shas);
        assertThat(again).allSatisfy(t -> assertThat(TaskId.attempt(t.path("dequeued").asString())).isEqualTo(2));
    }

    /**
     * 1,000 tasks through two replicas, the second killed half-way; the plugin ignores the first
     * hand-out of a tenth of them and answers everything else at once.
     */
    @Test
    void soakEveryTaskEndsWithExactlyOneFinalStatusAndOnlyIgnoredTasksComeBack() throws Exception {
        int total = 1000;
        List<ObjectNode> events = IntStream.range(0, total).mapToObj(i -> TestEvents.binary("soak", "sourced", "s" + i)).toList();
        Set<String> ignoredOnce = new HashSet<>();
        for (int i = 0; i < total; i += 10) {
            ignoredOnce.add(sha(events.get(i)));
        }
        Map<String, Integer> handOuts = new HashMap<>();
        Set<String> answered = new HashSet<>();
        List<String> redelivered = new ArrayList<>();
        List<String> afterAnswer = new ArrayList<>();

        try (ApiProcess doomed = ApiProcess.start(PREFIX, SOURCES, DEADLINE, ATTEMPTS, CHECK, SESSION)) {
            List<EventsClient> replicas = List.of(client, new EventsClient(doomed.port()));
            TestEvents.sendAll(plan.layout(), events);
            boolean killed = false;
            int round = 0;
            long until = System.nanoTime() + Duration.ofSeconds(240).toNanos();
            while (answered.size() < total && System.nanoTime() < until) {
                EventsClient fetchFrom = killed ? client : replicas.get(round % 2);
                EventsClient postTo = killed ? client : replicas.get((round + 1) % 2);
                round++;
                ArrayNode statuses = EventJson.mapper().createArrayNode();
                for (JsonNode task : active(fetchFrom, "soaker", "soak", 2).events()) {
                    String sha = sha(task);
                    int attempt = TaskId.attempt(task.path("dequeued").asString());
                    handOuts.merge(sha, 1, Integer::sum);
                    if (attempt > 1) {
                        redelivered.add(sha);
                    }
                    if (answered.contains(sha)) {
                        afterAnswer.add(sha);
                        continue;
                    }
                    if (attempt == 1 && ignoredOnce.contains(sha)) {
                        continue;
                    }
                    statuses.add(status("soaker", task, "completed-empty"));
                    answered.add(sha);
                }
                if (!statuses.isEmpty()) {
                    assertThat(postTo.publish("sync=true", statuses).path("total_ok").asInt()).isEqualTo(statuses.size());
                }
                if (!killed && handOuts.size() >= total / 2) {
                    doomed.kill();
                    killed = true;
                }
            }
            assertThat(killed).isTrue();
        }
        // Nothing more comes once everything is answered: not within two more deadlines either.
        long quiet = System.nanoTime() + Duration.ofSeconds(7).toNanos();
        while (System.nanoTime() < quiet) {
            active(client, "soaker", "soak", 1).events().forEach(t -> afterAnswer.add(sha(t)));
        }

        assertThat(answered).hasSize(total);
        assertThat(afterAnswer).as("tasks handed out again after their final status").isEmpty();
        assertThat(redelivered).as("tasks handed out again").containsExactlyInAnyOrderElementsOf(ignoredOnce);
        // Exactly one final status per task: the plugin's, and no error-timeout from the dispatcher.
        List<JsonNode> statuses = new ArrayList<>();
        EventsClient.Fetched fetched;
        do {
            fetched = client.fetch("status", "passive", "name=soak-audit&version=1&count=1000&timeout=2");
            statuses.addAll(fetched.events());
        } while (!fetched.events().isEmpty());
        Map<String, Integer> finals = new HashMap<>();
        statuses.stream().filter(s -> s.path("entity").path("input").path("source").path("name").asString().equals("soak"))
                .forEach(s -> finals.merge(sha(s.path("entity").path("input")), 1, Integer::sum));
        assertThat(finals).hasSize(total).allSatisfy((sha, count) -> assertThat(count).as(sha).isEqualTo(1));
        assertThat(statuses).noneMatch(s -> s.path("entity").path("status").asString().equals("error-timeout")
                && s.path("entity").path("input").path("source").path("name").asString().equals("soak"));
    }
}
