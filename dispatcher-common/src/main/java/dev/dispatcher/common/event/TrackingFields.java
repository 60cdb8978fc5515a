package dev.dispatcher.common.event;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The tracking ids the server sets on binary and insert events at publish, as Azul computes them
 * ({@code UpdateTrackingFields} in azul-bedrock), so deletes and the UI can find every event of a
 * submission, a link or an author:
 * <ul>
 *   <li>{@code track_source_references}: {@code <source.name>.<md5 hex of "k1.v1.k2.v2.">}, the
 *       references sorted by key;</li>
 *   <li>{@code track_authors}: per path node {@code <category>.<name>.<version>} of its author;</li>
 *   <li>{@code track_links}: per path node after the first
 *       {@code <parent sha256>.<node sha256>.<category>.<name>.<version>};</li>
 *   <li>insert {@code track_author}: the same author id of {@code entity.child_history}, and
 *       {@code track_link}: {@code <entity.parent_sha256>.<child_history.sha256>.<track_author>}.</li>
 * </ul>
 * Absent strings count as empty, as in Go. Whatever a producer sent in these fields is replaced.
 */
public final class TrackingFields {

    private TrackingFields() {
    }

    /** {@code event} with its tracking fields computed; events of other models come back unchanged. */
    public static Event apply(Event event) {
        return switch (event) {
            case BinaryEvent binary -> apply(binary);
            case InsertEvent insert -> apply(insert);
            default -> event;
        };
    }

    /** {@code binary} with {@code track_source_references}, {@code track_links} and {@code track_authors} computed. */
    public static BinaryEvent apply(BinaryEvent binary) {
        Source source = binary.source();
        List<PathNode> path = source == null || source.path() == null ? List.of() : source.path();
        var authors = new ArrayList<String>(path.size());
        var links = new ArrayList<String>(Math.max(0, path.size() - 1));
        for (int i = 0; i < path.size(); i++) {
            PathNode node = path.get(i);
            authors.add(author(node));
            if (i > 0) {
                links.add(link(sha256Of(path.get(i - 1)), node));
            }
        }
        return binary.withTracking(sourceReferences(source), links, authors);
    }

    /** {@code insert} with {@code track_link} and {@code track_author} computed. */
    public static InsertEvent apply(InsertEvent insert) {
        InsertEntity entity = insert.entity();
        PathNode history = entity == null ? null : entity.childHistory();
        String parent = entity == null ? null : entity.parentSha256();
        return insert.withTracking(link(parent, history), author(history));
    }

    static String sourceReferences(Source source) {
        Map<String, String> references = source == null || source.references() == null ? Map.of() : source.references();
        var pieces = new StringBuilder();
        references.keySet().stream()
                .sorted(KafkaKeys.GO_STRING_ORDER)
                .forEach(key -> pieces.append(key).append('.').append(text(references.get(key))).append('.'));
        String name = source == null ? null : source.name();
        return text(name) + "." + KafkaKeys.md5Hex(pieces.toString().getBytes(UTF_8));
    }

    static String author(PathNode node) {
        Author author = node == null ? null : node.author();
        return author == null
                ? ".."
                : text(author.category()) + "." + text(author.name()) + "." + text(author.version());
    }

    static String link(String parentSha256, PathNode node) {
        return text(parentSha256) + "." + text(sha256Of(node)) + "." + author(node);
    }

    private static String sha256Of(PathNode node) {
        return node == null ? null : node.sha256();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
