package dev.dispatcher.api.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dispatcher.api.DispatcherApiApplication;
import dev.dispatcher.common.testing.WithKafka;
import dev.dispatcher.common.testing.KafkaBroker;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** Fetching through HTTP from a real broker: groups, priority, replicas, multipart, at-most-once hand-out. */
@WithKafka
@SpringBootTest(classes = DispatcherApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {ConsumeIntegrationTest.PREFIX, ConsumeIntegrationTest.SOURCES})
class ConsumeIntegrationTest extends RunningApi {

    static final String PREFIX = "dispatcher.topics.prefix=consume";
    static final String SOURCES = "dispatcher.topics.sources-helm={priority: {}, concurrent: {}, replicas: {}, "
            + "stopped: {}, ignore: {}, history: {}, multipart: {}, active: {}, plugins: {}, newcomer: {}, draining: {}, idle: {}, finished: {}}";

    @Autowired
    ConsumerPool pool;

    @Test
    void passiveFetchReturnsPublishedEventsUnchanged() {
        send("history", "sourced", "h1", "h2", "h3");

        List<JsonNode> got = collect(client, "reader", "r-source=history", 3);

        assertThat(got).extracting(e -> e.path("entity").path("sha256").asString())
                .containsExactlyInAnyOrder(sha("h1"), sha("h2"), sha("h3"));
        assertThat(got).allSatisfy(e -> assertThat(e.has("dequeued")).isFalse());
    }

    @Test
    void historyThenLiveHandsEveryEventOutOnce() {
        send("history", "extracted", "before-1", "before-2");
        List<JsonNode> got = new ArrayList<>(collect(client, "history-reader", "r-source=history&f-allow-event-type=extracted", 2));
        send("history", "extracted", "after-1", "after-2");

        got.addAll(collect(client, "history-reader", "r-source=history&f-allow-event-type=extracted", 2));
        // Nothing more: neither stream hands out what the other already did.
        got.addAll(client.passive("history-reader", "r-source=history&f-allow-event-type=extracted&count=100&timeout=2").events());

        assertThat(shas(got)).containsExactlyInAnyOrder(sha("before-1"), sha("before-2"), sha("after-1"), sha("after-2"));
    }

    @Test
    void theHistoricConsumerClosesOnceHistoryIsReadAndNoEventIsLostOrRepeated() {
        send("finished", "sourced", "old-1", "old-2", "old-3");
        List<String> got = new ArrayList<>(shas(collect(client, "finisher", "r-source=finished", 3)));

        await().atMost(Duration.ofSeconds(30)).until(() -> historicOf(pool, "finisher").map(c -> !c.open()).orElse(false));
        send("finished", "sourced", "new-1", "new-2");
        got.addAll(shas(collect(client, "finisher", "r-source=finished&count=5", 2)));
        try (ConfigurableApplicationContext second = secondReplica()) {
            // A replica meeting the plugin later opens a historic consumer of its own, finds the history read, and closes it.
            EventsClient other = new EventsClient(port(second));
            got.addAll(shas(other.passive("finisher", "r-source=finished&count=10&timeout=3").events()));
            ConsumerPool secondPool = second.getBean(ConsumerPool.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                got.addAll(shas(other.passive("finisher", "r-source=finished&count=10&timeout=1").events()));
                return historicOf(secondPool, "finisher").map(c -> !c.open()).orElse(false);
            });
        }

        assertThat(got).doesNotHaveDuplicates().containsExactlyInAnyOrder(
                sha("old-1"), sha("old-2"), sha("old-3"), sha("new-1"), sha("new-2"));
        assertThat(pool.consumersOf("finisher")).filteredOn(StreamConsumer::open).hasSize(1);
    }

    private static Optional<StreamConsumer> historicOf(ConsumerPool pool, String plugin) {
        return pool.consumersOf(plugin).stream().filter(c -> c.subscription().stream() == Stream.HISTORIC).findFirst();
    }

    @Test
    void ignoreHistoricStartsAtTheLiveEnd() {
        send("ignore", "sourced", "old-1", "old-2");
        // The first fetch joins the group at the live end.
        assertThat(client.passive("live-only", "r-source=ignore&ignore-historic=true&count=10&timeout=3").events()).isEmpty();
        send("ignore", "sourced", "new-1");

        List<JsonNode> got = collect(client, "live-only", "r-source=ignore&ignore-historic=true", 1);

        assertThat(shas(got)).containsExactly(sha("new-1"));
    }

    @Test
    void expediteComesBeforeLiveAndLiveBeforeHistory() {
        send("priority", "sourced", "hist-1", "hist-2");
        // Join every stream; take one historic event so history is known to be readable.
        assertThat(shas(collect(client, "prioritised", "r-source=priority&count=1", 1))).containsExactly(sha("hist-1"));
        send("priority", "sourced", "live-1");
        var expedite = TestEvents.binary("priority", "sourced", "exp-1");
        expedite.putObject("flags").put("expedite", true);
        TestEvents.send(plan.layout(), expedite);

        List<JsonNode> got = collect(client, "prioritised", "r-source=priority&count=3", 3);

        assertThat(shas(got)).containsExactly(sha("exp-1"), sha("live-1"), sha("hist-2"));
    }

    @Test
    void anEventPublishedJustAfterAPluginsFirstFetchIsNotSkipped() {
        // The first fetch returns at once, before Kafka has assigned the new groups any partition.
        client.passive("newcomer", "r-source=newcomer&count=1&timeout=0");
        var expedite = TestEvents.binary("newcomer", "extracted", "right-after-first-fetch");
        expedite.putObject("flags").put("expedite", true);
        TestEvents.send(plan.layout(), expedite);

        List<JsonNode> got = collect(client, "newcomer", "r-source=newcomer&count=1", 1);

        assertThat(shas(got)).containsExactly(sha("right-after-first-fetch"));
    }

    @Test
    void twoFetchersOfOnePluginNeverGetTheSameEventAndOtherPluginsGetAll() throws Exception {
        List<String> names = IntStream.range(0, 30).mapToObj(i -> "c-" + i).toList();
        send("concurrent", "sourced", names.toArray(String[]::new));

        var first = CompletableFuture.supplyAsync(() -> drain(client, "shared", "r-source=concurrent", 15));
        var second = CompletableFuture.supplyAsync(() -> drain(client, "shared", "r-source=concurrent", 15));
        List<String> a = first.get(90, TimeUnit.SECONDS);
        List<String> b = second.get(90, TimeUnit.SECONDS);
        List<String> other = shas(collect(client, "other-plugin", "r-source=concurrent&count=50", 30));

        List<String> both = new ArrayList<>(a);
        both.addAll(b);
        assertThat(both).doesNotHaveDuplicates().hasSize(30);
        assertThat(other).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(names.stream().map(this::sha).toList());
    }

    @Test
    void onePluginPolledAlternatelyOnTwoReplicasGetsEveryEventExactlyOnce() {
        List<String> names = IntStream.range(0, 40).mapToObj(i -> "r-" + i).toList();
        send("replicas", "sourced", names.toArray(String[]::new));
        try (ConfigurableApplicationContext second = secondReplica()) {
            EventsClient other = new EventsClient(port(second));
            List<String> got = new ArrayList<>();
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                got.addAll(shas(client.passive("alternating", "r-source=replicas&count=7&timeout=1").events()));
                got.addAll(shas(other.passive("alternating", "r-source=replicas&count=7&timeout=1").events()));
                return new HashSet<>(got).size() >= 40;
            });
            assertThat(got).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(names.stream().map(this::sha).toList());
        }
    }

    @Test
    void aReplicaStoppedBetweenFetchesLosesNothing() {
        List<String> names = IntStream.range(0, 30).mapToObj(i -> "s-" + i).toList();
        send("stopped", "sourced", names.toArray(String[]::new));
        List<String> got = new ArrayList<>();
        try (ConfigurableApplicationContext second = secondReplica()) {
            EventsClient other = new EventsClient(port(second));
            // Both replicas join the group and hand out some events; then one goes away.
            got.addAll(shas(other.passive("stopping", "r-source=stopped&count=5&timeout=3").events()));
            got.addAll(shas(client.passive("stopping", "r-source=stopped&count=5&timeout=3").events()));
            got.addAll(shas(other.passive("stopping", "r-source=stopped&count=5&timeout=1").events()));
        }
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            got.addAll(shas(client.passive("stopping", "r-source=stopped&count=10&timeout=1").events()));
            return new HashSet<>(got).size() >= 30;
        });

        assertThat(got).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(names.stream().map(this::sha).toList());
    }

    @Test
    void aReplicaThePluginStopsPollingReleasesItsPartitionsToTheOneItPolls() {
        List<String> names = IntStream.range(0, 20).mapToObj(i -> "idle-" + i).toList();
        send("idle", "sourced", names.toArray(String[]::new));
        try (ConfigurableApplicationContext second = secondReplica(
                "dispatcher.api.consume.idle-time=2s", "dispatcher.api.consume.idle-check-interval=500ms")) {
            // The plugin polls the second replica once, so its consumer there owns part of the partitions...
            List<String> got = new ArrayList<>(shas(new EventsClient(port(second))
                    .passive("wanderer", "r-source=idle&count=1&timeout=3").events()));
            // ...and from then on only this replica, which gets the rest once the idle consumer let go.
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                got.addAll(shas(client.passive("wanderer", "r-source=idle&count=20&timeout=1").events()));
                return new HashSet<>(got).size() >= 20;
            });

            assertThat(got).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(names.stream().map(this::sha).toList());
            assertThat(second.getBean(io.micrometer.core.instrument.MeterRegistry.class)
                    .counter("dispatcher.consumers.released").count()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void aLongPollInFlightWhenItsReplicaStopsIsAnsweredAndLosesNothing() throws Exception {
        send("draining", "extracted", "before-shutdown");
        CompletableFuture<EventsClient.Fetched> waiting;
        List<String> got = new ArrayList<>();
        try (ConfigurableApplicationContext second = secondReplica()) {
            EventsClient other = new EventsClient(port(second));
            got.addAll(shas(collect(other, "draining", "r-source=draining&f-allow-event-type=extracted", 1)));
            // A long poll far longer than the graceful-shutdown wait is in flight when the replica stops.
            waiting = CompletableFuture.supplyAsync(
                    () -> other.passive("draining", "r-source=draining&f-allow-event-type=extracted&count=10&timeout=55"));
            Thread.sleep(500); // let the poll reach the broker wait; what is measured is its answer, not this pause
        }
        EventsClient.Fetched answered = waiting.get(30, TimeUnit.SECONDS);
        send("draining", "extracted", "after-shutdown");
        got.addAll(shas(collect(client, "draining", "r-source=draining&f-allow-event-type=extracted", 1)));

        assertThat(answered.status()).isEqualTo(200);
        assertThat(got).containsExactly(sha("before-shutdown"), sha("after-shutdown"));
    }

    @Test
    void azulSpellingGetsMultipartThatAStandardParserReads() throws Exception {
        send("multipart", "sourced", "m-1");
        String query = "/api/v2/event/binary/passive?name=azul-plugin&version=2&count=1&deadline=5"
                + "&r-live=true&r-historic=true&r-under-content-size=209715200&r-streams=" + EventsClient.encode("content,");

        HttpResponse<byte[]> response = await().atMost(Duration.ofSeconds(60)).until(
                () -> client.getBytes(query, "*/*"),
                r -> new String(r.body(), StandardCharsets.UTF_8).contains(sha("m-1")));

        String type = response.headers().firstValue("Content-Type").orElseThrow();
        assertThat(type).startsWith("multipart/form-data; boundary=");
        MimeMultipart multipart = new MimeMultipart(new ByteArrayDataSource(response.body(), type));
        assertThat(multipart.getCount()).isEqualTo(2);
        BodyPart info = multipart.getBodyPart(0);
        BodyPart events = multipart.getBodyPart(1);
        assertThat(info.getHeader("Content-Disposition")[0]).isEqualTo("form-data; name=\"info\"");
        assertThat(events.getHeader("Content-Disposition")[0]).isEqualTo("form-data; name=\"events\"");
        JsonNode infoJson = dev.dispatcher.common.event.EventJson.mapper().readTree(info.getInputStream());
        JsonNode eventsJson = dev.dispatcher.common.event.EventJson.mapper().readTree(events.getInputStream());
        assertThat(infoJson.path("fetched").asInt()).isEqualTo(1).isEqualTo(eventsJson.path("events").size());
        assertThat(infoJson.path("consumers_not_ready").isString()).isTrue();
        assertThat(infoJson.path("ready").isBoolean()).isTrue();
        assertThat(eventsJson.path("events").get(0).path("entity").path("sha256").asString()).isEqualTo(sha("m-1"));
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).endsWith("--\r\n").contains("\r\n\r\n");
    }

    @Test
    void activeFetchGivesEachEventATaskId() {
        send("active", "sourced", "task-1");

        List<JsonNode> got = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            got.addAll(client.fetch("binary", "active", "name=worker&version=3&r-source=active&count=5&timeout=1").events());
            return !got.isEmpty();
        });

        JsonNode task = got.getFirst();
        assertThat(task.path("dequeued").asString())
                .startsWith(task.path("kafka_key").asString() + ".worker.3.")
                .matches(".*\\.worker\\.3\\.\\d{10}\\.a1-[0-9a-f]{8}");
    }

    @Test
    void everyResponseCountsWhatItFetchedAndFiltered() {
        send("plugins", "sourced", "own");
        var mine = TestEvents.binary("plugins", "sourced", "mine");
        ((tools.jackson.databind.node.ObjectNode) mine.get("author")).put("name", "counter");
        TestEvents.send(plan.layout(), mine);

        List<JsonNode> infos = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            infos.add(client.passive("counter", "r-source=plugins&f-self=true&count=10&timeout=1").info());
            return infos.stream().mapToInt(i -> i.path("fetched").asInt()).sum() >= 1
                    && infos.stream().mapToInt(i -> i.path("filtered").asInt()).sum() >= 1;
        });

        assertThat(infos.stream().mapToInt(i -> i.path("filters").path("self").asInt()).sum()).isEqualTo(1);
    }

    private ConfigurableApplicationContext secondReplica(String... extra) {
        List<String> properties = new ArrayList<>(List.of("server.port=0", PREFIX, SOURCES,
                "spring.kafka.bootstrap-servers=" + KafkaBroker.bootstrapServers(), "logging.structured.format.console="));
        properties.addAll(List.of(extra));
        return new SpringApplicationBuilder(DispatcherApiApplication.class).properties(properties.toArray(String[]::new)).run();
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** Fetches until {@code expected} events arrived (bounded), asking for {@code count} at a time. */
    private static List<JsonNode> collect(EventsClient client, String plugin, String query, int expected) {
        List<JsonNode> got = Collections.synchronizedList(new ArrayList<>());
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            got.addAll(client.passive(plugin, query + "&timeout=1" + (query.contains("count=") ? "" : "&count=" + expected)).events());
            return got.size() >= expected;
        });
        return got;
    }

    /** Fetches one at a time until {@code atLeast} arrived in total across fetchers or the topic looks drained. */
    private static List<String> drain(EventsClient client, String plugin, String query, int atLeast) {
        List<String> got = new ArrayList<>();
        int empty = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (empty < 3 && System.nanoTime() < deadline) {
            List<JsonNode> events = client.passive(plugin, query + "&count=3&timeout=1").events();
            got.addAll(shas(events));
            empty = events.isEmpty() && got.size() > 0 ? empty + 1 : 0;
        }
        return got;
    }

    private void send(String source, String action, String... names) {
        for (String name : names) {
            TestEvents.send(plan.layout(), TestEvents.binary(source, action, name));
        }
    }

    private String sha(String name) {
        return TestEvents.sha256(name);
    }

    private static List<String> shas(List<JsonNode> events) {
        return events.stream().map(e -> e.path("entity").path("sha256").asString()).toList();
    }
}
