package dev.dispatcher.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The metric names the chart's Grafana dashboards and alert rules query, read from
 * {@code helm/dispatcher/dashboards/*.json} and {@code helm/dispatcher/alerts/dispatcher-alerts.yaml},
 * and which service is expected to expose each, so the services' tests can check them against a scrape.
 */
public final class DashboardMetrics {

    /** Name prefixes each service exposes; a referenced name must start with one of them (or be Prometheus' own). */
    public static final Map<String, List<String>> FAMILIES = Map.of(
            "api", List.of("dispatcher_events_", "dispatcher_consumers_", "dispatcher_tasks_", "dispatcher_plugins_",
                    "dispatcher_restapi_"),
            "store", List.of("dispatcher_data_", "dispatcher_restapi_"),
            "indexer", List.of("dispatcher_indexer_"));

    /** Families every service exposes. */
    public static final List<String> SHARED = List.of("dispatcher_topics_", "jvm_", "process_");

    /** Series Prometheus itself makes: scrape health and the alert state. */
    public static final Set<String> PROMETHEUS_OWN = Set.of("up", "ALERTS", "ALERTS_FOR_STATE", "scrape_duration_seconds",
            "scrape_samples_scraped");

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern LABEL_LISTS = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    /** A name not inside another word or number, nor a Grafana variable, nor followed by "(" (a function). */
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.$])[a-zA-Z_:][\\w:]*+(?!\\s*\\()");
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((.*),\\s*\\w+\\s*\\)\\s*$");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "bool", "and", "or", "unless", "offset", "inf", "nan", "Inf", "NaN");

    private DashboardMetrics() {
    }

    /** The chart folder of this checkout ({@code dispatcher.deploy.dir} is {@code <root>/deploy}). */
    public static Path chart() {
        String deploy = System.getProperty("dispatcher.deploy.dir");
        Path root = deploy != null ? Path.of(deploy).getParent() : Path.of("..");
        return root.resolve("helm").resolve("dispatcher");
    }

    /** Every PromQL expression of the dashboards and alert rules. */
    public static List<String> expressions() {
        List<String> expressions = new ArrayList<>();
        Path chart = chart();
        ObjectMapper json = JsonMapper.builder().build();
        try (Stream<Path> dashboards = Files.list(chart.resolve("dashboards"))) {
            for (Path dashboard : dashboards.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode root = json.readTree(dashboard.toFile());
                collect(root, "expr", expressions);
                for (JsonNode variable : root.path("templating").path("list")) {
                    JsonNode query = variable.path("query");
                    String text = query.isString() ? query.asString() : query.path("query").asString("");
                    Matcher values = LABEL_VALUES.matcher(text);
                    if (values.matches()) {
                        expressions.add(values.group(1));
                    }
                }
            }
            collect(new YAMLMapper().readTree(chart.resolve("alerts").resolve("dispatcher-alerts.yaml").toFile()),
                    "expr", expressions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return expressions;
    }

    /** Metric names the dashboards and alert rules query. */
    public static Set<String> referenced() {
        Set<String> names = new TreeSet<>();
        for (String expression : expressions()) {
            names.addAll(metricNames(expression));
        }
        return names;
    }

    /** Referenced names this service is expected to expose: its own families (none for a service not in {@link #FAMILIES}) and the shared ones. */
    public static Set<String> referencedFrom(String service) {
        List<String> families = new ArrayList<>(SHARED);
        families.addAll(FAMILIES.getOrDefault(service, List.of()));
        Set<String> names = new TreeSet<>();
        for (String name : referenced()) {
            if (families.stream().anyMatch(name::startsWith)) {
                names.add(name);
            }
        }
        return names;
    }

    /** Metric names in one PromQL expression: identifiers that are not functions, keywords or labels. */
    static Set<String> metricNames(String expression) {
        String bare = STRING.matcher(expression).replaceAll("\"\"");
        bare = MATCHERS.matcher(bare).replaceAll(" ");
        bare = RANGES.matcher(bare).replaceAll(" ");
        bare = LABEL_LISTS.matcher(bare).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(bare);
        while (identifier.find()) {
            if (!KEYWORDS.contains(identifier.group())) {
                names.add(identifier.group());
            }
        }
        return names;
    }

    /** Series names in a Prometheus text scrape. */
    public static Set<String> exposed(String scrape) {
        Set<String> names = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int end = 0;
                while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                    end++;
                }
                names.add(line.substring(0, end));
            }
        }
        return names;
    }

    private static void collect(JsonNode node, String field, List<String> into) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                if (entry.getKey().equals(field) && entry.getValue().isString()) {
                    into.add(entry.getValue().asString());
                } else {
                    collect(entry.getValue(), field, into);
                }
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                collect(child, field, into);
            }
        }
    }
}
