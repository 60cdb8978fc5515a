package dev.dispatcher.common.topic;

import dev.dispatcher.common.event.BinaryAction;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one place where topic names are made: {@code <namespace>.<prefix>.<name>}.
 *
 * <p>Names before prefixing ("unprefixed") are what the sources and topics YAML talk about:
 * {@code system.status}, {@code <source>.binary.sourced}.
 */
public record TopicLayout(String namespace, String prefix) {

    /** The five binary actions, each with its own topic per source. */
    public static final List<String> BINARY_ACTIONS =
            Arrays.stream(BinaryAction.values()).map(BinaryAction::wireName).toList();

    /** System models with a topic of their own. */
    public static final List<String> SYSTEM_MODELS = List.of("plugin", "status", "insert", "delete", "download", "retrohunt");

    /** Binary events flagged {@code expedite}. */
    public static final String EXPEDITE = "system.expedite";
    /** Binary events flagged {@code retry}. */
    public static final String ERROR = "system.error";
    /** Active-task tracking records (compacted; one record per handed-out task). */
    public static final String TASK_TRACKING = "system.task-tracking";
    /** Active tasks past their deadline, for their plugin's next fetch (keyed by the plugin's consumer group). */
    public static final String TASK_REDELIVERY = "system.task-redelivery";
    /** Control records such as plugin pauses (compacted). */
    public static final String CONTROL = "system.control";
    /** Events of the blob store: a blob stored or deleted. */
    public static final String STREAM_EVENTS = "system.stream-events";
    /** Messages the indexer could not index, with the reason in headers. */
    public static final String DEAD_LETTER = "system.dead-letter";

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-]+");

    public TopicLayout {
        requireSegment("dispatcher.topics.namespace", namespace);
        requireSegment("dispatcher.topics.prefix", prefix);
    }

    /** Full name of an unprefixed topic name. */
    public String name(String unprefixed) {
        return namespace + "." + prefix + "." + unprefixed;
    }

    /** Full name of a system model's topic, e.g. {@code azul.dev.system.status}. */
    public String system(String model) {
        return name("system." + model);
    }

    /** Full name of a source's binary topic for one action, e.g. {@code azul.dev.testing.binary.sourced}. */
    public String binary(String source, String action) {
        return name(binaryUnprefixed(source, action));
    }

    /** The unprefixed name of a source's binary topic. */
    public static String binaryUnprefixed(String source, String action) {
        return source + ".binary." + action;
    }

    /** Strips {@code <namespace>.<prefix>.} when present, so YAML may name topics either way. */
    public String unprefixed(String name) {
        String head = namespace + "." + prefix + ".";
        return name.startsWith(head) ? name.substring(head.length()) : name;
    }

    /** Whether a source name can be part of a topic name. */
    public static boolean isValidSourceName(String source) {
        return source != null && SEGMENT.matcher(source).matches();
    }

    private static void requireSegment(String setting, String value) {
        if (value == null || !SEGMENT.matcher(value).matches()) {
            throw new TopicConfigException(setting, String.valueOf(value),
                    "must be letters, digits, '_' or '-' (it becomes part of every topic name)");
        }
    }
}
