package dev.dispatcher.common.event;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks the invariants of DESIGN §4 and reports every broken one as a {@link Violation} with a
 * stable code, the field's path and a message for the plugin author.
 *
 * <p>Decisions beyond the letter of Azul's own checks:
 * <ul>
 *   <li>{@code model_version} must be present and at least {@link Event#CURRENT_MODEL_VERSION}.
 *       Older versions are rejected (Azul does the same); newer ones are accepted, because a hub
 *       passes on what it does not understand and every unknown field survives.</li>
 *   <li>Every {@code sha256} that names a file ({@code entity.sha256}, path nodes, insert
 *       parent/child) must be 64 <em>lowercase</em> hex characters. Azul only asks for non-empty,
 *       but the hash is an identity inside Kafka keys and store paths, where {@code AB..} and
 *       {@code ab..} would be two files; every Azul producer writes lowercase.</li>
 *   <li>Fields Azul's Python model requires are required here too (path node and source
 *       timestamps, feature name/type/value, datastream label, insert {@code original_source}):
 *       an event missing them would be rejected by every Python consumer it is passed on to.</li>
 *   <li>Every timestamp present must be ISO-8601 with a zone ({@code Z} or an offset).</li>
 *   <li>Binary events nested in a status ({@code entity.input}, {@code entity.results[]}) are
 *       checked as binary events without their own {@code model_version} (the server stamps the
 *       current one when it republishes results). The input is an echo that plugins strip of
 *       features, datastreams and info, so the stream rules are not applied to it, but its
 *       {@code dequeued} task id is required.</li>
 *   <li>A {@code null} element in a list is reported as {@code event.null_element}.</li>
 * </ul>
 * Codes, by model ({@code <p>} is the node prefix: {@code binary.path}, {@code download.path} or
 * {@code insert.child_history}):
 * <pre>
 * every model  event.model_version_missing, event.model_version_outdated, event.author_name_missing,
 *              event.timestamp_missing, event.timestamp_invalid, event.timestamp_zone_missing,
 *              event.null_element
 * binary       binary.action_missing, binary.action_invalid, binary.source_missing,
 *              binary.source.name_missing, binary.path.empty, binary.path.enriched_not_last,
 *              binary.entity_missing, binary.entity.sha256_missing, binary.entity.sha256_invalid,
 *              binary.datastream.label_missing, binary.datastream.label_invalid,
 *              binary.feature.name_missing, binary.feature.type_missing, binary.feature.type_invalid,
 *              binary.feature.value_missing, binary.content_missing, binary.augmented_stream_missing,
 *              binary.mapped_has_content, binary.enriched_has_streams
 * path nodes   &lt;p&gt;.sha256_missing, &lt;p&gt;.sha256_invalid, &lt;p&gt;.action_missing, &lt;p&gt;.action_invalid,
 *              &lt;p&gt;.author_name_missing
 * status       status.entity_missing, status.status_missing, status.status_invalid,
 *              status.input_missing, status.input.dequeued_missing, status.results_not_allowed
 *              (input and results: the binary codes, at entity.input... / entity.results[i]...)
 * plugin       plugin.entity_missing, plugin.name_missing, plugin.version_missing,
 *              plugin.feature.name_missing, plugin.feature.desc_missing, plugin.feature.type_missing,
 *              plugin.feature.type_invalid
 * insert       insert.entity_missing, insert.original_source_missing, insert.parent_sha256_missing,
 *              insert.parent_sha256_invalid, insert.child_missing, insert.child.sha256_missing,
 *              insert.child.sha256_invalid, insert.child.datastream.label_missing|_invalid,
 *              insert.child.feature.*, insert.child_history_missing
 * download     download.action_missing, download.action_invalid, download.source_missing,
 *              download.source.name_missing, download.entity_missing, download.hash_missing
 * delete       delete.action_missing, delete.action_invalid, delete.entity_missing,
 *              delete.reason_missing, delete.target_missing
 * retrohunt    retrohunt.action_invalid
 * </pre>
 * Stateless and thread-safe.
 */
public final class EventValidator {


    // Spelled out in messages so a plugin author sees the accepted values without reading our code.
    private static final String BINARY_ACTIONS = names(BinaryAction.values(), BinaryAction::wireName);
    private static final String LABELS = names(DatastreamLabel.values(), DatastreamLabel::wireName);
    private static final String STATUSES = names(StatusType.values(), StatusType::wireName);
    private static final String FEATURE_TYPES = names(FeatureType.values(), FeatureType::wireName);
    private static final String DOWNLOAD_ACTIONS = names(DownloadEvent.Action.values(), DownloadEvent.Action::wireName);
    private static final String DELETE_ACTIONS = names(DeleteEvent.Action.values(), DeleteEvent.Action::wireName);
    private static final String RETROHUNT_ACTIONS = names(RetrohuntEvent.Action.values(), RetrohuntEvent.Action::wireName);

    /** How a binary event is being checked. */
    private enum Role {
        /** A binary event published on its own. */
        EVENT,
        /** One of a completed status's results, to be published on its own. */
        RESULT,
        /** A status's echo of the task it reports on. */
        INPUT
    }

    /** Every broken invariant of {@code event}, envelope first; empty when the event is valid. */
    public List<Violation> validate(Event event) {
        Objects.requireNonNull(event, "event");
        var found = new Found();
        if (event.modelVersion() == null) {
            found.add("event.model_version_missing", "model_version",
                    "model_version is required; this dispatcher speaks version " + Event.CURRENT_MODEL_VERSION);
        } else if (event.modelVersion() < Event.CURRENT_MODEL_VERSION) {
            found.add("event.model_version_outdated", "model_version",
                    "model_version " + event.modelVersion() + " is no longer accepted; upgrade the client to produce version "
                            + Event.CURRENT_MODEL_VERSION);
        }
        switch (event) {
            case BinaryEvent binary -> binary(binary, "", Role.EVENT, found);
            case StatusEvent status -> status(status, found);
            case PluginEvent plugin -> plugin(plugin, found);
            case InsertEvent insert -> insert(insert, found);
            case DownloadEvent download -> download(download, found);
            case DeleteEvent delete -> delete(delete, found);
            case RetrohuntEvent retrohunt -> retrohunt(retrohunt, found);
        }
        return found.violations();
    }

    private static void envelope(String timestamp, Author author, String prefix, Found found) {
        timestamp(timestamp, at(prefix, "timestamp"), true, found);
        if (author == null || blank(author.name())) {
            found.add("event.author_name_missing", at(prefix, "author.name"),
                    "author.name is required: the name of the plugin or tool that produced the event");
        }
    }

    private static void binary(BinaryEvent binary, String prefix, Role role, Found found) {
        envelope(binary.timestamp(), binary.author(), prefix, found);
        if (role == Role.INPUT && blank(binary.dequeued())) {
            found.add("status.input.dequeued_missing", at(prefix, "dequeued"),
                    "entity.input must be the task exactly as fetched, including the 'dequeued' id the dispatcher set");
        }
        Optional<BinaryAction> action = BinaryAction.fromWireName(binary.action());
        if (blank(binary.action())) {
            found.add("binary.action_missing", at(prefix, "action"),
                    "action is required: one of " + BINARY_ACTIONS);
        } else if (action.isEmpty()) {
            found.add("binary.action_invalid", at(prefix, "action"),
                    "action '" + binary.action() + "' is not one of " + BINARY_ACTIONS);
        }
        source(binary.source(), prefix, found);
        BinaryEntity entity = binary.entity();
        if (entity == null) {
            found.add("binary.entity_missing", at(prefix, "entity"),
                    "entity is required: the file this event is about, with at least its sha256");
            return;
        }
        entity(entity, "binary.entity", "binary", at(prefix, "entity"), found);
        if (role != Role.INPUT && action.isPresent()) {
            streams(entity, action.get(), at(prefix, "entity.datastreams"), found);
        }
    }

    private static void source(Source source, String prefix, Found found) {
        if (source == null) {
            found.add("binary.source_missing", at(prefix, "source"),
                    "source is required: the submission this file belongs to, with its path");
            return;
        }
        if (blank(source.name())) {
            found.add("binary.source.name_missing", at(prefix, "source.name"),
                    "source.name is required: the source (feed) the file was submitted to");
        }
        timestamp(source.timestamp(), at(prefix, "source.timestamp"), true, found);
        List<PathNode> path = source.path();
        if (path == null || path.isEmpty()) {
            found.add("binary.path.empty", at(prefix, "source.path"),
                    "source.path needs at least one node: the chain from the submitted file to this one"
                            + " (a sourced file has exactly one)");
            return;
        }
        for (int i = 0; i < path.size(); i++) {
            String field = at(prefix, "source.path[" + i + "]");
            PathNode node = path.get(i);
            if (node == null) {
                found.nullElement(field);
                continue;
            }
            pathNode(node, "binary.path", field, found);
            if (i < path.size() - 1 && BinaryAction.ENRICHED.wireName().equals(node.action())) {
                found.add("binary.path.enriched_not_last", field + ".action",
                        "an 'enriched' node can only be the last one on a path: enriching produces no new file to derive from");
            }
        }
    }

    private static void pathNode(PathNode node, String code, String field, Found found) {
        sha256(node.sha256(), code + ".sha256", field + ".sha256", found);
        if (blank(node.action())) {
            found.add(code + ".action_missing", field + ".action", "the node's action is required: one of " + BINARY_ACTIONS);
        } else if (BinaryAction.fromWireName(node.action()).isEmpty()) {
            found.add(code + ".action_invalid", field + ".action",
                    "action '" + node.action() + "' is not one of " + BINARY_ACTIONS);
        }
        if (node.author() == null || blank(node.author().name())) {
            found.add(code + ".author_name_missing", field + ".author.name",
                    "every path node needs author.name: who took this step");
        }
        timestamp(node.timestamp(), field + ".timestamp", true, found);
    }

    private static void entity(BinaryEntity entity, String shaCode, String code, String field, Found found) {
        sha256(entity.sha256(), shaCode + ".sha256", field + ".sha256", found);
        List<Datastream> datastreams = entity.datastreams() == null ? List.of() : entity.datastreams();
        for (int i = 0; i < datastreams.size(); i++) {
            String element = field + ".datastreams[" + i + "]";
            Datastream datastream = datastreams.get(i);
            if (datastream == null) {
                found.nullElement(element);
            } else if (blank(datastream.label())) {
                found.add(code + ".datastream.label_missing", element + ".label",
                        "every datastream needs a label: one of " + LABELS);
            } else if (DatastreamLabel.fromWireName(datastream.label()).isEmpty()) {
                found.add(code + ".datastream.label_invalid", element + ".label",
                        "label '" + datastream.label() + "' is not one of " + LABELS);
            }
        }
        List<FeatureValue> features = entity.features() == null ? List.of() : entity.features();
        for (int i = 0; i < features.size(); i++) {
            String element = field + ".features[" + i + "]";
            FeatureValue feature = features.get(i);
            if (feature == null) {
                found.nullElement(element);
                continue;
            }
            if (blank(feature.name())) {
                found.add(code + ".feature.name_missing", element + ".name", "every feature value needs the feature's name");
            }
            featureType(feature.type(), code + ".feature", element + ".type", found);
            if (feature.value() == null) {
                found.add(code + ".feature.value_missing", element + ".value",
                        "every feature value needs a value (a string, also for numbers)");
            }
        }
    }

    private static void streams(BinaryEntity entity, BinaryAction action, String field, Found found) {
        List<Datastream> datastreams = entity.datastreams() == null ? List.of() : entity.datastreams();
        Set<String> labels = new HashSet<>();
        int content = -1;
        for (int i = 0; i < datastreams.size(); i++) {
            Datastream datastream = datastreams.get(i);
            if (datastream != null && datastream.label() != null) {
                labels.add(datastream.label());
                if (content < 0 && DatastreamLabel.CONTENT.wireName().equals(datastream.label())) {
                    content = i;
                }
            }
        }
        String name = action.wireName();
        switch (action) {
            case ENRICHED -> {
                if (!datastreams.isEmpty()) {
                    found.add("binary.enriched_has_streams", field,
                            "an 'enriched' event adds features and info only; publish streams as 'augmented' or 'mapped'");
                }
            }
            case MAPPED -> {
                if (content >= 0) {
                    found.add("binary.mapped_has_content", field + "[" + content + "].label",
                            "a 'mapped' event must not carry the file's content; use 'augmented' to attach content");
                }
            }
            case SOURCED, EXTRACTED, AUGMENTED -> {
                if (content < 0) {
                    found.add("binary.content_missing", field,
                            "a '" + name + "' event must carry a datastream labelled 'content':"
                                    + " upload the file to the streams API and attach what it returns");
                } else if (action == BinaryAction.AUGMENTED && labels.size() < 2) {
                    found.add("binary.augmented_stream_missing", field,
                            "an 'augmented' event carries the content plus at least one stream with another label"
                                    + " (e.g. 'report', 'screenshot')");
                }
            }
        }
    }

    private static void status(StatusEvent status, Found found) {
        envelope(status.timestamp(), status.author(), "", found);
        StatusEntity entity = status.entity();
        if (entity == null) {
            found.add("status.entity_missing", "entity", "entity is required: the task (input) and its status");
            return;
        }
        Optional<StatusType> type = StatusType.fromWireName(entity.status());
        if (blank(entity.status())) {
            found.add("status.status_missing", "entity.status", "entity.status is required: one of " + STATUSES);
        } else if (type.isEmpty()) {
            found.add("status.status_invalid", "entity.status",
                    "status '" + entity.status() + "' is not one of " + STATUSES);
        }
        if (entity.input() == null) {
            found.add("status.input_missing", "entity.input",
                    "entity.input is required: the binary event as fetched, with its 'dequeued' id");
        } else {
            binary(entity.input(), "entity.input", Role.INPUT, found);
        }
        List<BinaryEvent> results = entity.results() == null ? List.of() : entity.results();
        if (!results.isEmpty() && type.isPresent() && !type.get().isCompletedFamily()) {
            found.add("status.results_not_allowed", "entity.results",
                    "only completed, completed-empty and completed-with-errors statuses carry results, not '"
                            + entity.status() + "'");
        }
        for (int i = 0; i < results.size(); i++) {
            String field = "entity.results[" + i + "]";
            BinaryEvent result = results.get(i);
            if (result == null) {
                found.nullElement(field);
            } else {
                binary(result, field, Role.RESULT, found);
            }
        }
    }

    private static void plugin(PluginEvent plugin, Found found) {
        envelope(plugin.timestamp(), plugin.author(), "", found);
        PluginEntity entity = plugin.entity();
        if (entity == null) {
            found.add("plugin.entity_missing", "entity", "entity is required: the plugin's name, version and features");
            return;
        }
        if (blank(entity.name())) {
            found.add("plugin.name_missing", "entity.name", "entity.name is required: the plugin's name");
        }
        if (blank(entity.version())) {
            found.add("plugin.version_missing", "entity.version", "entity.version is required: the plugin's version");
        }
        List<PluginEntity.Feature> features = entity.features() == null ? List.of() : entity.features();
        for (int i = 0; i < features.size(); i++) {
            String field = "entity.features[" + i + "]";
            PluginEntity.Feature feature = features.get(i);
            if (feature == null) {
                found.nullElement(field);
                continue;
            }
            if (blank(feature.name())) {
                found.add("plugin.feature.name_missing", field + ".name", "every declared feature needs a name");
            }
            if (blank(feature.desc())) {
                found.add("plugin.feature.desc_missing", field + ".desc",
                        "every declared feature needs a description (desc) of what it means");
            }
            featureType(feature.type(), "plugin.feature", field + ".type", found);
        }
    }

    private static void insert(InsertEvent insert, Found found) {
        envelope(insert.timestamp(), insert.author(), "", found);
        InsertEntity entity = insert.entity();
        if (entity == null) {
            found.add("insert.entity_missing", "entity", "entity is required: parent_sha256, child and child_history");
            return;
        }
        if (blank(entity.originalSource())) {
            found.add("insert.original_source_missing", "entity.original_source",
                    "entity.original_source is required: the source the parent was submitted to");
        }
        sha256(entity.parentSha256(), "insert.parent_sha256", "entity.parent_sha256", found);
        if (entity.child() == null) {
            found.add("insert.child_missing", "entity.child", "entity.child is required: the child file, with its sha256");
        } else {
            entity(entity.child(), "insert.child", "insert.child", "entity.child", found);
        }
        if (entity.childHistory() == null) {
            found.add("insert.child_history_missing", "entity.child_history",
                    "entity.child_history is required: the path node describing how the child derives from the parent");
        } else {
            pathNode(entity.childHistory(), "insert.child_history", "entity.child_history", found);
        }
    }

    private static void download(DownloadEvent download, Found found) {
        envelope(download.timestamp(), download.author(), "", found);
        if (blank(download.action())) {
            found.add("download.action_missing", "action", "action is required: one of " + DOWNLOAD_ACTIONS);
        } else if (DownloadEvent.Action.fromWireName(download.action()).isEmpty()) {
            found.add("download.action_invalid", "action",
                    "action '" + download.action() + "' is not one of " + DOWNLOAD_ACTIONS);
        }
        Source source = download.source();
        if (source == null) {
            found.add("download.source_missing", "source", "source is required: the submission the download belongs to");
        } else {
            if (blank(source.name())) {
                found.add("download.source.name_missing", "source.name", "source.name is required");
            }
            timestamp(source.timestamp(), "source.timestamp", true, found);
            List<PathNode> path = source.path() == null ? List.of() : source.path();
            for (int i = 0; i < path.size(); i++) {
                String field = "source.path[" + i + "]";
                if (path.get(i) == null) {
                    found.nullElement(field);
                } else {
                    pathNode(path.get(i), "download.path", field, found);
                }
            }
        }
        if (download.entity() == null) {
            found.add("download.entity_missing", "entity", "entity is required: at least the hash to download");
        } else if (blank(download.entity().hash())) {
            found.add("download.hash_missing", "entity.hash", "entity.hash is required: the hash of the file to download");
        }
    }

    private static void delete(DeleteEvent delete, Found found) {
        envelope(delete.timestamp(), delete.author(), "", found);
        Optional<DeleteEvent.Action> action = DeleteEvent.Action.fromWireName(delete.action());
        if (blank(delete.action())) {
            found.add("delete.action_missing", "action", "action is required: one of " + DELETE_ACTIONS);
        } else if (action.isEmpty()) {
            found.add("delete.action_invalid", "action", "action '" + delete.action() + "' is not one of " + DELETE_ACTIONS);
        }
        DeleteEntity entity = delete.entity();
        if (entity == null) {
            found.add("delete.entity_missing", "entity", "entity is required: the reason and the target of the delete");
            return;
        }
        if (blank(entity.reason())) {
            found.add("delete.reason_missing", "entity.reason", "entity.reason is required: why this is deleted");
        }
        if (entity.submission() != null) {
            timestamp(entity.submission().timestamp(), "entity.submission.timestamp", false, found);
        }
        if (entity.author() != null) {
            timestamp(entity.author().timestamp(), "entity.author.timestamp", true, found);
        }
        if (action.isPresent()) {
            String target = switch (action.get()) {
                case SUBMISSION -> entity.submission() == null || blank(entity.submission().trackSourceReferences())
                        ? "entity.submission.track_source_references" : null;
                case LINK -> entity.link() == null || blank(entity.link().trackLink()) ? "entity.link.track_link" : null;
                case AUTHOR -> entity.author() == null || blank(entity.author().trackAuthor())
                        ? "entity.author.track_author" : null;
                case IDS -> entity.ids() == null || entity.ids().ids() == null || entity.ids().ids().isEmpty()
                        ? "entity.ids.ids" : null;
            };
            if (target != null) {
                found.add("delete.target_missing", target,
                        "a '" + delete.action() + "' delete needs " + target + " to say what to delete");
            }
        }
    }

    private static void retrohunt(RetrohuntEvent retrohunt, Found found) {
        envelope(retrohunt.timestamp(), retrohunt.author(), "", found);
        if (retrohunt.action() != null && RetrohuntEvent.Action.fromWireName(retrohunt.action()).isEmpty()) {
            found.add("retrohunt.action_invalid", "action",
                    "action '" + retrohunt.action() + "' is not one of " + RETROHUNT_ACTIONS);
        }
    }

    private static void featureType(String type, String code, String field, Found found) {
        if (blank(type)) {
            found.add(code + ".type_missing", field, "every feature needs a type: one of " + FEATURE_TYPES);
        } else if (FeatureType.fromWireName(type).isEmpty()) {
            found.add(code + ".type_invalid", field, "type '" + type + "' is not one of " + FEATURE_TYPES);
        }
    }

    private static void sha256(String value, String code, String field, Found found) {
        if (blank(value)) {
            found.add(code + "_missing", field, field + " is required: the file's SHA-256 as 64 lowercase hex characters");
        } else if (!isSha256(value)) {
            found.add(code + "_invalid", field,
                    field + " must be a SHA-256 as 64 lowercase hex characters, got '" + shorten(value) + "'");
        }
    }

    private static void timestamp(String value, String field, boolean required, Found found) {
        if (value == null) {
            if (required) {
                found.add("event.timestamp_missing", field,
                        field + " is required: an ISO-8601 date-time with a zone, e.g. 2026-11-22T04:06:54.113072+00:00");
            }
            return;
        }
        switch (IsoTimestamp.check(value)) {
            case VALID -> { }
            case ZONE_MISSING -> found.add("event.timestamp_zone_missing", field,
                    field + " '" + shorten(value) + "' has no zone: add 'Z' or an offset such as '+00:00'");
            case INVALID -> found.add("event.timestamp_invalid", field,
                    field + " '" + shorten(value)
                            + "' is not an ISO-8601 date-time with a zone, e.g. 2026-11-22T04:06:54.113072+00:00");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String at(String prefix, String field) {
        return prefix.isEmpty() ? field : prefix + "." + field;
    }

    /** Echoed values are cut so one bad field cannot blow up an error response. */
    private static String shorten(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }

    private static <E> String names(E[] values, Function<E, String> wireName) {
        return Arrays.stream(values).map(wireName).collect(Collectors.joining(", "));
    }

    /** The violations found so far. */
    private static final class Found {
        private final List<Violation> violations = new ArrayList<>();

        void add(String code, String field, String message) {
            violations.add(new Violation(code, field, message));
        }

        void nullElement(String field) {
            add("event.null_element", field, field + " is null: list elements must be objects");
        }

        List<Violation> violations() {
            return List.copyOf(violations);
        }
    }

    /** 64 lower-case hex digits ({@code [0-9a-f]{64}}), checked without a regex: this runs several times per event. */
    static boolean isSha256(String value) {
        if (value.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = value.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
