package dev.dispatcher.api.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dispatcher.api.DispatcherApiApplication;
import dev.dispatcher.common.testing.WithKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/** {@code dispatcher_consumers_lag}: the records a plugin's live group has not taken yet, read from Kafka. */
@WithKafka
@SpringBootTest(classes = DispatcherApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"dispatcher.topics.prefix=lag", "dispatcher.topics.sources-helm={lagging: {}}",
                "dispatcher.api.consume.lag-interval=300ms"})
class ConsumerLagIntegrationTest extends RunningApi {

    private static final Pattern LIVE_LAG = Pattern.compile(
            "dispatcher_consumers_lag\\{group=\"dispatcher\\.azul\\.lag\\.slow\\.[^\"]*\\.live\"} ([0-9.]+)");

    @Test
    void aPluginsLiveGroupReportsWhatItHasNotTakenYet() {
        // The plugin's live group starts (and commits where it starts) before anything is published.
        await().atMost(Duration.ofSeconds(30)).until(() -> client.passive("slow", "r-source=lagging&count=1&timeout=1")
                .info().path("ready").asBoolean());
        await().atMost(Duration.ofSeconds(30)).until(() -> liveLag() == 0);

        TestEvents.sendAll(plan.layout(), IntStream.range(0, 5)
                .mapToObj(i -> TestEvents.binary("lagging", "sourced", "lag-" + i)).toList());
        await().atMost(Duration.ofSeconds(30)).until(() -> liveLag() == 5);

        List<String> got = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            got.addAll(client.passive("slow", "r-source=lagging&count=2&timeout=1").sha256s());
            return got.size() >= 2;
        });
        assertThat(got).hasSize(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> liveLag() == 3);
    }

    /** The live group's lag in the scrape, or -1 while it has no series. */
    private double liveLag() {
        Matcher lag = LIVE_LAG.matcher(client.metrics());
        return lag.find() ? Double.parseDouble(lag.group(1)) : -1;
    }
}
