package dev.dispatcher.api.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatcher.api.filter.FilterReason;
import dev.dispatcher.api.filter.FilterSet;
import dev.dispatcher.common.event.EventJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A registration's {@code entity.config}, as Azul's runner writes it, becomes the filters its fetch would use. */
class PluginFiltersTest {

    private static JsonNode config(String json) {
        return EventJson.mapper().readTree(json);
    }

    @Test
    void runnerSettingsEncodedAsJsonStringsBecomeTheFetchFilters() {
        // What azul-runner's get_registrations sends: every setting, each value json.dumps'ed.
        FilterSet filters = PluginFilters.from("unzip", config("""
                {"filter_allow_event_types": "[\\"sourced\\", \\"extracted\\"]",
                 "filter_data_types": "{\\"content\\": [\\"archive/\\", \\"executable/windows/\\"]}",
                 "filter_max_content_size": "209715200",
                 "filter_min_content_size": "16",
                 "filter_self": "true",
                 "require_expedite": "true", "require_historic": "true", "require_live": "true",
                 "heartbeat_interval": "30", "server": "\\"http://dispatcher\\""}"""));

        assertThat(filters).isEqualTo(new FilterSet(false, 209_715_200L, 16L, sorted("extracted", "sourced"),
                sorted(), "unzip", List.of(new FilterSet.DataType("content", List.of("archive/", "executable/windows/"))),
                sorted(), null));
    }

    @Test
    void runnerDefaultsLeaveOnlyTheSizeLimit() {
        FilterSet filters = PluginFilters.from("entropy", config("""
                {"filter_allow_event_types": "[]", "filter_data_types": "{}", "filter_max_content_size": "209715200",
                 "filter_min_content_size": "0", "filter_self": "false"}"""));

        assertThat(filters).isEqualTo(new FilterSet(false, 209_715_200L, null, sorted(), sorted(), null, List.of(),
                sorted(), null));
    }

    @Test
    void absentOrUnreadableSettingsMeanNoSuchFilter() {
        assertThat(PluginFilters.from("p", null)).isEqualTo(FilterSet.none());
        assertThat(PluginFilters.from("p", config("{}"))).isEqualTo(FilterSet.none());
        assertThat(PluginFilters.from("p", config("\"not an object\""))).isEqualTo(FilterSet.none());
        assertThat(PluginFilters.from("p", config("""
                {"filter_max_content_size": "200MiB", "filter_min_content_size": "-5",
                 "filter_allow_event_types": "{\\"a\\": 1}", "filter_self": "maybe",
                 "filter_data_types": "[\\"content\\"]"}""")))
                .isEqualTo(FilterSet.none());
    }

    @Test
    void unknownEventTypesAreLeftOut() {
        FilterSet filters = PluginFilters.from("p", config("{\"filter_allow_event_types\": \"[\\\"sourced\\\", \\\"bogus\\\"]\"}"));

        assertThat(filters.allowActions()).containsExactly("sourced");
    }

    @Test
    void decodedValuesAreAcceptedToo() {
        FilterSet filters = PluginFilters.from("p", config("""
                {"filter_max_content_size": 1024, "filter_self": true, "filter_allow_event_types": ["augmented"],
                 "filter_data_types": {"content": [], "text": "text/"}}"""));

        assertThat(filters).isEqualTo(new FilterSet(false, 1024L, null, sorted("augmented"), sorted(), "p",
                List.of(new FilterSet.DataType("content", List.of()), new FilterSet.DataType("text", List.of("text/"))),
                sorted(), null));
    }

    @Test
    void filtersJudgeEventsAsTheFetchWould() {
        FilterSet filters = PluginFilters.from("unzip", config("""
                {"filter_data_types": "{\\"content\\": [\\"archive/\\"]}", "filter_max_content_size": "1000"}"""));

        assertThat(reject(filters, "archive/zip", 500)).isEmpty();
        assertThat(reject(filters, "archive/zip", 5000)).contains(FilterReason.MAX_CONTENT_SIZE.wireName());
        assertThat(reject(filters, "document/pdf", 500)).contains(FilterReason.FILE_FORMAT.wireName());
    }

    private static Optional<String> reject(FilterSet filters, String format, long size) {
        ObjectNode event = EventJson.mapper().createObjectNode();
        event.put("action", "sourced");
        event.putObject("source").put("name", "testing");
        event.putObject("author").put("name", "ingestor");
        event.putObject("entity").putArray("datastreams").addObject()
                .put("label", "content").put("size", size).put("file_format", format);
        return filters.reject("binary", event, event.toString().getBytes(StandardCharsets.UTF_8)).map(FilterReason::wireName);
    }

    private static SortedSet<String> sorted(String... values) {
        return new TreeSet<>(List.of(values));
    }
}
