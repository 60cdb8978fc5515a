package dev.dispatcher.api.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dispatcher.api.DispatcherApiApplication;
import dev.dispatcher.common.testing.WithKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * A backlog many times larger than the fetch-ahead buffers: partitions are paused when their
 * buffer fills and resumed as fetches drain it, in history and live, with concurrent fetchers.
 */
@WithKafka
@SpringBootTest(classes = DispatcherApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"dispatcher.topics.prefix=backlog", "dispatcher.topics.sources-helm={backlog: {}}",
                "dispatcher.api.consume.buffer-records=10"})
class BacklogIntegrationTest extends RunningApi {

    private static final int HISTORY = 6000;
    private static final int LIVE = 1000;

    @Autowired
    ConsumerPool pool;

    @Test
    void aBacklogFarLargerThanTheBuffersIsHandedOutCompletelyAndOnceByConcurrentFetchers() throws Exception {
        List<String> expected = new ArrayList<>(send("old", HISTORY));
        List<String> got = Collections.synchronizedList(new ArrayList<>());

        List<CompletableFuture<Void>> fetchers = IntStream.range(0, 3)
                .mapToObj(f -> CompletableFuture.runAsync(() -> drain(client, got, HISTORY))).toList();
        for (CompletableFuture<Void> fetcher : fetchers) {
            fetcher.get(120, TimeUnit.SECONDS);
        }
        assertThat(got).doesNotHaveDuplicates().hasSize(HISTORY);

        // History read: its consumer closes, and the live group goes on alone.
        await().atMost(Duration.ofSeconds(30)).until(() -> pool.consumersOf("backlog").stream()
                .filter(c -> c.subscription().stream() == Stream.HISTORIC).noneMatch(StreamConsumer::open));
        expected.addAll(send("new", LIVE));
        drain(client, got, HISTORY + LIVE);

        assertThat(got).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
    }

    private void drain(EventsClient client, List<String> got, int total) {
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            for (JsonNode event : client.passive("backlog", "r-source=backlog&count=100&timeout=1").events()) {
                got.add(event.path("entity").path("sha256").asString());
            }
            return got.size() >= total;
        });
    }

    /** Sends {@code count} events named {@code prefix-N}; returns their sha256s. */
    private List<String> send(String prefix, int count) {
        List<String> names = IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).toList();
        TestEvents.sendAll(plan.layout(), names.stream().map(n -> TestEvents.binary("backlog", "sourced", n)).toList());
        return names.stream().map(TestEvents::sha256).toList();
    }
}
