package dev.dispatcher.common.topic;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The desired topic set: built-in defaults, then topics derived from the sources YAML, then the
 * topics YAML, merged field by field on the unprefixed name (DESIGN §3).
 */
public final class TopicPlan {

    static final String PARTITIONS_SETTING = "DISPATCHER_GLOBAL_PARTITION_COUNT";
    static final String REPLICAS_SETTING = "DISPATCHER_GLOBAL_REPLICA_COUNT";
    static final String SOURCES_SETTING = "DISPATCHER_SOURCES_HELM";
    static final String TOPICS_SETTING = "DISPATCHER_TOPICS_YAML";

    static final String CLEANUP = "cleanup.policy";
    static final String RETENTION = "retention.ms";
    static final String SEGMENT_BYTES = "segment.bytes";
    static final String MAX_MESSAGE_BYTES = "max.message.bytes";
    /** Room for the 2 MiB event limit plus batch overhead; Kafka's own default is about 1 MB. */
    static final String DEFAULT_MAX_MESSAGE_BYTES = Integer.toString(4 * 1024 * 1024);

    private static final long HOUR_MS = 3_600_000L;
    private static final long DAY_MS = 24 * HOUR_MS;
    private static final Pattern EXPIRY = Pattern.compile("(\\d+)\\s*(day|week|month|year)s?", Pattern.CASE_INSENSITIVE);
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private final TopicLayout layout;
    private final Map<String, TopicSpec> topics;
    private final Set<String> sources;

    private TopicPlan(TopicLayout layout, Map<String, TopicSpec> topics, Set<String> sources) {
        this.layout = layout;
        this.topics = topics;
        this.sources = sources;
    }

    /** Builds the plan from settings; any unusable value throws {@link TopicConfigException} naming it. */
    public static TopicPlan from(TopicsProperties properties) {
        TopicLayout layout = new TopicLayout(properties.getNamespace(), properties.getPrefix());
        int partitions = positive(PARTITIONS_SETTING, properties.getPartitions());
        short replicas = replicas(REPLICAS_SETTING, properties.getReplicas());

        Map<String, Draft> drafts = new TreeMap<>();
        defaults(drafts, partitions, replicas);
        Set<String> sources = fromSources(drafts, properties.getSourcesHelm(), partitions, replicas);
        fromTopicsYaml(drafts, properties.getTopicsYaml(), layout, partitions, replicas);

        Map<String, TopicSpec> topics = new LinkedHashMap<>();
        drafts.forEach((name, d) -> topics.put(name, new TopicSpec(name, d.partitions, d.replicas, d.config)));
        return new TopicPlan(layout, topics, sources);
    }

    /** How topic names are made. */
    public TopicLayout layout() {
        return layout;
    }

    /** Every desired topic, by unprefixed name in name order. */
    public List<TopicSpec> topics() {
        return List.copyOf(topics.values());
    }

    /** A desired topic by unprefixed name, or null. */
    public TopicSpec topic(String unprefixed) {
        return topics.get(unprefixed);
    }

    /** The configured source names, sorted. */
    public Set<String> sources() {
        return sources;
    }

    private static void defaults(Map<String, Draft> drafts, int partitions, short replicas) {
        // system.plugin is compacted, not deleted after 7 days as in Azul: registrations are keyed by
        // name.version and sent only when a plugin starts, so a long-running plugin must not expire.
        for (String name : List.of("system.insert", "system.delete", "system.retrohunt", "system.plugin",
                TopicLayout.TASK_TRACKING, TopicLayout.CONTROL)) {
            drafts.put(name, new Draft(partitions, replicas).compact());
        }
        for (String name : List.of(TopicLayout.EXPEDITE, TopicLayout.ERROR, TopicLayout.TASK_REDELIVERY,
                TopicLayout.STREAM_EVENTS, TopicLayout.DEAD_LETTER)) {
            drafts.put(name, new Draft(partitions, replicas).expireAfter(7 * DAY_MS));
        }
        drafts.put("system.status", new Draft(partitions, replicas).expireAfter(DAY_MS));
        drafts.put("system.download", new Draft(partitions, replicas).expireAfter(12 * HOUR_MS));
    }

    private static Set<String> fromSources(Map<String, Draft> drafts, String yaml, int partitions, short replicas) {
        JsonNode root = parse(SOURCES_SETTING, yaml);
        if (root == null) {
            return Set.of();
        }
        if (root.isObject() && root.size() == 1 && root.has("sources")) {
            root = root.get("sources"); // the whole values block pasted, not just its content
        }
        if (!root.isObject()) {
            throw new TopicConfigException(SOURCES_SETTING, yaml, "must be a mapping of source name to its settings");
        }
        SortedSet<String> names = new TreeSet<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            String source = entry.getKey();
            JsonNode settings = entry.getValue();
            String where = "source '" + source + "'";
            if (!TopicLayout.isValidSourceName(source)) {
                throw new TopicConfigException(SOURCES_SETTING, source,
                        "a source name must be letters, digits, '_' or '-' (it becomes part of topic names)");
            }
            if (!settings.isNull() && !settings.isObject()) {
                throw new TopicConfigException(SOURCES_SETTING, settings.toString(), where + " must be a mapping");
            }
            JsonNode kafka = settings.path("kafka");
            Draft template = new Draft(
                    kafka.has("numpartitions") ? positive(SOURCES_SETTING + " " + where + " kafka.numpartitions", text(kafka.get("numpartitions"))) : partitions,
                    kafka.has("replicationfactor") ? replicas(SOURCES_SETTING + " " + where + " kafka.replicationfactor", text(kafka.get("replicationfactor"))) : replicas);
            JsonNode expiry = settings.path("expire_events_after");
            long retention = expiry.isMissingNode() || expiry.isNull() ? 0 : retentionMs(where, text(expiry));
            if (retention == 0) {
                template.compact();
            } else {
                template.expireAfter(retention);
            }
            template.config.putAll(configMap(SOURCES_SETTING + " " + where + " kafka.config", kafka.path("config")));
            for (String action : TopicLayout.BINARY_ACTIONS) {
                drafts.put(TopicLayout.binaryUnprefixed(source, action), template.copy());
            }
            names.add(source);
        }
        return Collections.unmodifiableSortedSet(names);
    }

    private static void fromTopicsYaml(Map<String, Draft> drafts, String yaml, TopicLayout layout, int partitions, short replicas) {
        JsonNode root = parse(TOPICS_SETTING, yaml);
        if (root == null) {
            return;
        }
        if (root.isObject() && root.has("topics")) {
            root = root.get("topics");
        }
        if (!root.isArray()) {
            throw new TopicConfigException(TOPICS_SETTING, yaml,
                    "must be a YAML list of {topic, numpartitions, replicationfactor, config}");
        }
        for (JsonNode entry : root) {
            if (!entry.isObject() || !entry.path("topic").isString() || entry.path("topic").asString().isBlank()) {
                throw new TopicConfigException(TOPICS_SETTING, entry.toString(), "every entry needs a 'topic' name");
            }
            String name = layout.unprefixed(entry.get("topic").asString());
            String where = TOPICS_SETTING + " topic '" + name + "'";
            Draft draft = drafts.computeIfAbsent(name, n -> new Draft(partitions, replicas));
            if (entry.has("numpartitions")) {
                draft.partitions = positive(where + " numpartitions", text(entry.get("numpartitions")));
            }
            if (entry.has("replicationfactor")) {
                draft.replicas = replicas(where + " replicationfactor", text(entry.get("replicationfactor")));
            }
            draft.config.putAll(configMap(where + " config", entry.path("config")));
        }
    }

    private static JsonNode parse(String setting, String yaml) {
        if (yaml == null || yaml.isBlank()) {
            return null;
        }
        try {
            JsonNode node = YAML.readTree(yaml);
            return node == null || node.isMissingNode() || node.isNull() ? null : node;
        } catch (JacksonException e) {
            throw new TopicConfigException(setting, yaml, "not valid YAML (" + e.getOriginalMessage() + ")");
        }
    }

    /** {@code "<N> days|weeks|months|years"} → milliseconds; {@code "0"} or empty → 0 (keep forever). */
    static long retentionMs(String where, String value) {
        String trimmed = value.trim();
        if (trimmed.isEmpty() || trimmed.equals("0")) {
            return 0;
        }
        Matcher m = EXPIRY.matcher(trimmed);
        if (!m.matches()) {
            throw new TopicConfigException(SOURCES_SETTING + " " + where + " expire_events_after", value,
                    "expected \"<N> days|weeks|months|years\" or \"0\"");
        }
        long n = Long.parseLong(m.group(1));
        long days = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "day" -> n;
            case "week" -> n * 7;
            case "month" -> n * 30;
            default -> n * 365;
        };
        try {
            return Math.multiplyExact(days, DAY_MS);
        } catch (ArithmeticException e) {
            throw new TopicConfigException(SOURCES_SETTING + " " + where + " expire_events_after", value, "is too long");
        }
    }

    private static Map<String, String> configMap(String setting, JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new TopicConfigException(setting, node.toString(), "must be a mapping of Kafka topic config to value");
        }
        Map<String, String> config = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new TopicConfigException(setting, e.getKey() + ": " + e.getValue(), "a topic config value must be a scalar");
            }
            config.put(e.getKey(), text(e.getValue()));
        }
        return config;
    }

    private static String text(JsonNode node) {
        return node.isValueNode() ? node.asString() : node.toString();
    }

    private static int positive(String setting, String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new TopicConfigException(setting, value, "must be a whole number of at least 1");
    }

    private static short replicas(String setting, String value) {
        int n = positive(setting, value);
        if (n > Short.MAX_VALUE) {
            throw new TopicConfigException(setting, value, "is larger than Kafka allows");
        }
        return (short) n;
    }

    /** A topic being assembled from the layers. */
    private static final class Draft {
        int partitions;
        short replicas;
        final Map<String, String> config = new TreeMap<>();

        Draft(int partitions, short replicas) {
            this.partitions = partitions;
            this.replicas = replicas;
            config.put(SEGMENT_BYTES, "1073741824");
            config.put(MAX_MESSAGE_BYTES, DEFAULT_MAX_MESSAGE_BYTES);
        }

        Draft compact() {
            config.put(CLEANUP, "compact");
            config.put(RETENTION, "-1");
            return this;
        }

        Draft expireAfter(long ms) {
            config.put(CLEANUP, "delete");
            config.put(RETENTION, Long.toString(ms));
            return this;
        }

        Draft copy() {
            Draft d = new Draft(partitions, replicas);
            d.config.putAll(config);
            return d;
        }
    }

    @Override
    public String toString() {
        List<String> names = new ArrayList<>(topics.keySet());
        return "TopicPlan" + names;
    }
}
