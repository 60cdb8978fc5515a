package dev.dispatcher.api.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dispatcher.api.DispatcherApiApplication;
import dev.dispatcher.common.testing.WithKafka;
import dev.dispatcher.common.topic.TopicPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Every server-side filter, in the documented spelling and in Azul's: one event passes, one does not. */
@WithKafka
@SpringBootTest(classes = DispatcherApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"dispatcher.topics.prefix=filters", "dispatcher.topics.sources-helm={main: {}, other: {}}"})
class FilterIntegrationTest extends RunningApi {

    /** Row: name, query, the event that passes, the event that fails, the reason reported for it (null: its topic is not read at all). */
    static Stream<Arguments> filters() {
        return Stream.of(
                row("requires-data", "requires-data=true", "r-content=true",
                        e("main", "sourced", 1000, "executable/windows/pe32"), e("main", "mapped", 1000, ""), "requires-data"),
                row("max-size", "f-max-content-size=500", "r-under-content-size=500",
                        e("main", "sourced", 400, "text/plain"), e("main", "sourced", 1000, "text/plain"), "max-content-size"),
                row("min-size", "f-min-content-size=500", "r-over-content-size=500",
                        e("main", "sourced", 1000, "text/plain"), e("main", "sourced", 400, "text/plain"), "min-content-size"),
                row("allow", "f-allow-event-type=extracted", "r-action=extracted",
                        e("main", "extracted", 10, "text/plain"), e("main", "augmented", 10, "text/plain"), null),
                row("deny", "f-deny-event-type=augmented", "d-action=augmented",
                        e("main", "extracted", 10, "text/plain"), e("main", "augmented", 10, "text/plain"), null),
                row("self", "f-self=true", "d-self=true",
                        e("main", "sourced", 10, "text/plain"), e("main", "sourced", 10, "text/plain").author(), "self"),
                row("data-type", "f-data-type=" + EventsClient.encode("content,executable/windows/,document/pdf"),
                        "r-streams=" + EventsClient.encode("content,executable/windows/,document/pdf"),
                        e("main", "sourced", 10, "executable/windows/dll64"), e("main", "sourced", 10, "archive/zip"), "file-format"),
                row("any-format", "f-data-type=" + EventsClient.encode("content,"), "r-streams=" + EventsClient.encode("content,"),
                        e("main", "sourced", 10, "archive/zip"), e("main", "sourced", 10, "archive/zip").with("screenshot"), "data-type"),
                row("every-label", "f-data-type=" + EventsClient.encode("content,") + "&f-data-type=" + EventsClient.encode("text,"),
                        "r-streams=" + EventsClient.encode("content,") + "&r-streams=" + EventsClient.encode("text,"),
                        e("main", "augmented", 10, "text/plain").with("text"), e("main", "sourced", 10, "text/plain"), "data-type"),
                row("wildcard-label", "f-data-type=" + EventsClient.encode("*,text/"), "r-streams=" + EventsClient.encode("*,text/"),
                        e("main", "sourced", 10, "text/plain").with("text"), e("main", "sourced", 10, "archive/zip"), "file-format"),
                row("size-needs-content", "f-max-content-size=500000", "r-under-content-size=500000",
                        e("main", "sourced", 10, "text/plain"), e("main", "mapped", 10, ""), "requires-data"),
                row("jsonpath", "filter=" + EventsClient.encode("$.entity.datastreams[?(@.size < 100)]"), null,
                        e("main", "sourced", 50, "text/plain"), e("main", "sourced", 5000, "text/plain"), "filter"),
                row("source", null, "r-source=other",
                        e("other", "sourced", 10, "text/plain"), e("main", "sourced", 10, "text/plain"), null))
                .flatMap(s -> s);
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("filters")
    void filterKeepsThePassingEventAndSkipsTheFailingOne(String filter, String spelling, String query,
                                                         Event pass, Event fail, String reason) {
        String plugin = "f-" + filter + "-" + spelling;
        ObjectNode passing = pass.send(plan, plugin + "-pass", plugin);
        ObjectNode failing = fail.send(plan, plugin + "-fail", plugin);
        List<JsonNode> got = new ArrayList<>();
        List<JsonNode> infos = new ArrayList<>();

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            EventsClient.Fetched fetched = client.passive(plugin, query + "&count=1000&timeout=1");
            got.addAll(fetched.events());
            infos.add(fetched.info());
            return got.stream().anyMatch(e -> same(e, passing));
        });
        // One more pass so a failing event published alongside would have been read too.
        EventsClient.Fetched last = client.passive(plugin, query + "&count=1000&timeout=1");
        got.addAll(last.events());
        infos.add(last.info());

        assertThat(got).noneMatch(e -> same(e, failing));
        if (reason != null) {
            assertThat(infos.stream().mapToInt(i -> i.path("filters").path(reason).asInt()).sum())
                    .as("info.filters." + reason).isGreaterThanOrEqualTo(1);
            assertThat(infos.stream().mapToInt(i -> i.path("filtered").asInt()).sum()).isGreaterThanOrEqualTo(1);
        }
    }

    private static boolean same(JsonNode a, JsonNode b) {
        return a.path("entity").path("sha256").asString().equals(b.path("entity").path("sha256").asString());
    }

    private static Stream<Arguments> row(String name, String documented, String azul, Event pass, Event fail, String reason) {
        List<Arguments> rows = new ArrayList<>();
        if (documented != null) {
            rows.add(Arguments.of(name, "documented", documented, pass, fail, reason));
        }
        if (azul != null) {
            rows.add(Arguments.of(name, "azul", azul, pass, fail, reason));
        }
        return rows.stream();
    }

    private static Event e(String source, String action, long size, String format) {
        return new Event(source, action, size, format, false, List.of());
    }

    /**
     * An event to publish; {@code bySelf}: authored by the fetching plugin itself; {@code extraLabels}:
     * streams besides content (their format: the content's).
     */
    record Event(String source, String action, long size, String format, boolean bySelf, List<String> extraLabels) {

        Event author() {
            return new Event(source, action, size, format, true, extraLabels);
        }

        Event with(String label) {
            List<String> labels = new ArrayList<>(extraLabels);
            labels.add(label);
            return new Event(source, action, size, format, bySelf, labels);
        }

        ObjectNode send(TopicPlan plan, String name, String plugin) {
            ObjectNode event = TestEvents.binary(source, action, name, size, format);
            if (bySelf) {
                ((ObjectNode) event.get("author")).put("name", plugin);
            }
            for (String label : extraLabels) {
                ((tools.jackson.databind.node.ArrayNode) event.get("entity").get("datastreams")).addObject()
                        .put("label", label).put("size", size).put("file_format", format);
            }
            TestEvents.send(plan.layout(), event);
            return event;
        }

        @Override
        public String toString() {
            return source + "/" + action + "/" + size + "/" + format + (bySelf ? "/self" : "") + extraLabels;
        }
    }
}
