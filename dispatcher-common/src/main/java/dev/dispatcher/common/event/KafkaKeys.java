package dev.dispatcher.common.event;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Computes the {@code kafka_key} of an event: identity, partition and compaction key in one.
 *
 * <p>The key is the lowercase hex MD5 of a per-model descriptor, built exactly as the Azul
 * dispatcher builds it ({@code events/pipeline_produce/key.go}) so that our keys equal Azul's for
 * the same event (wire compatibility: mixed or migrated topics compact and partition alike):
 * <ul>
 *   <li>status: {@code <entity.input.dequeued>.<author.name>}, so the latest status of a task wins;</li>
 *   <li>plugin: {@code <entity.name>.<entity.version>};</li>
 *   <li>insert: {@code <entity.parent_sha256>.<entity.child.sha256>.<entity.child_history.author.name>};</li>
 *   <li>binary: every piece followed by a dot: source name, source security, the source timestamp
 *       to the second in the producer's own offset ({@code 2021-02-06T16:43:23}), each
 *       {@code key.value} of the references, then of the settings (each list sorted as whole
 *       strings), the distinct non-empty {@code author.security} values of the path (sorted), then
 *       {@code author.name.action.sha256} of the parent (second-to-last) and current (last) path
 *       nodes. Author versions are left out on purpose: a plugin's new version collides with its
 *       old one and the latest wins.</li>
 *   <li>delete, download, retrohunt: random, a new one per call.</li>
 * </ul>
 * DESIGN §4 words the binary descriptor as "first, parent and current" nodes and omits the path
 * securities; Azul's code never includes the first node (its {@code first} pointer is never set)
 * and does include the securities, and its own tests pin that behaviour. We follow the code, for
 * wire compatibility. Absent strings count as empty, as in Go.
 *
 * <p>Sorting compares UTF-8 bytes, as Go's {@code sort.Strings} does, so keys agree for any text.
 */
public final class KafkaKeys {

    /** Go's zero {@code time.Time} formatted to the second: what Azul uses for a missing source timestamp. */
    private static final String GO_ZERO_TIME = "0001-01-01T00:00:00";

    private static final DateTimeFormatter TO_THE_SECOND = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    /** Go's {@code sort.Strings} order: by UTF-8 bytes, which differs from {@link String#compareTo} outside the BMP. */
    static final Comparator<String> GO_STRING_ORDER =
            (a, b) -> Arrays.compareUnsigned(a.getBytes(UTF_8), b.getBytes(UTF_8));

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Never used itself: each call digests with a clone of it. */
    private static final MessageDigest MD5 = md5();

    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(US_ASCII);

    private KafkaKeys() {
    }

    /**
     * The key of {@code event}. Validate first: a binary event without path nodes, or with a source
     * timestamp that is not zoned ISO-8601, has no key.
     *
     * @throws IllegalArgumentException when the event lacks what its descriptor needs
     */
    public static String compute(Event event) {
        return descriptor(event)
                .map(descriptor -> md5Hex(descriptor.getBytes(UTF_8)))
                .orElseGet(KafkaKeys::randomKey);
    }

    /** The text hashed into the key; empty for the models with random keys. */
    static Optional<String> descriptor(Event event) {
        return switch (event) {
            case StatusEvent status -> Optional.of(text(dequeuedOf(status)) + "." + text(nameOf(status.author())));
            case PluginEvent plugin -> Optional.of(plugin.entity() == null
                    ? "."
                    : text(plugin.entity().name()) + "." + text(plugin.entity().version()));
            case InsertEvent insert -> Optional.of(insertDescriptor(insert.entity()));
            case BinaryEvent binary -> Optional.of(binaryDescriptor(binary.source()));
            case DeleteEvent ignored -> Optional.empty();
            case DownloadEvent ignored -> Optional.empty();
            case RetrohuntEvent ignored -> Optional.empty();
        };
    }

    private static String dequeuedOf(StatusEvent status) {
        return status.entity() == null || status.entity().input() == null ? null : status.entity().input().dequeued();
    }

    private static String insertDescriptor(InsertEntity entity) {
        if (entity == null) {
            return "..";
        }
        String child = entity.child() == null ? null : entity.child().sha256();
        String author = entity.childHistory() == null ? null : nameOf(entity.childHistory().author());
        return text(entity.parentSha256()) + "." + text(child) + "." + text(author);
    }

    private static String binaryDescriptor(Source source) {
        List<PathNode> path = source == null || source.path() == null ? List.of() : source.path();
        if (path.isEmpty()) {
            throw new IllegalArgumentException("a binary event needs at least one source.path node for its key");
        }
        var descriptor = new StringBuilder(512);
        descriptor.append(text(source.name())).append('.');
        descriptor.append(text(source.security())).append('.');
        descriptor.append(toTheSecond(source.timestamp())).append('.');
        appendSorted(descriptor, pairs(source.references()));
        appendSorted(descriptor, pairs(source.settings()));
        var securities = new TreeSet<>(GO_STRING_ORDER);
        for (PathNode node : path) {
            String security = node == null || node.author() == null ? null : node.author().security();
            if (security != null && !security.isEmpty()) {
                securities.add(security);
            }
        }
        securities.forEach(security -> descriptor.append(security).append('.'));
        List<PathNode> parentAndCurrent = path.subList(Math.max(0, path.size() - 2), path.size());
        for (PathNode node : parentAndCurrent) {
            if (node == null) {
                throw new IllegalArgumentException("a binary event's source.path nodes must not be null");
            }
            descriptor.append(text(nameOf(node.author()))).append('.')
                    .append(text(node.action())).append('.')
                    .append(text(node.sha256())).append('.');
        }
        return descriptor.toString();
    }

    /** Wall-clock time in the producer's own offset, to the second, as Go's RFC 3339 output cut at 19 characters. */
    private static String toTheSecond(String timestamp) {
        if (timestamp == null) {
            return GO_ZERO_TIME;
        }
        try {
            return IsoTimestamp.parse(timestamp).toLocalDateTime().format(TO_THE_SECOND);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("source.timestamp is not a zoned ISO-8601 date-time: " + timestamp, e);
        }
    }

    private static List<String> pairs(Map<String, String> map) {
        return map == null
                ? List.of()
                : map.entrySet().stream().map(entry -> entry.getKey() + "." + entry.getValue()).toList();
    }

    private static void appendSorted(StringBuilder descriptor, List<String> pieces) {
        pieces.stream().sorted(GO_STRING_ORDER).forEach(piece -> descriptor.append(piece).append('.'));
    }

    private static String nameOf(Author author) {
        return author == null ? null : author.name();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    /** Same shape as a descriptor key (32 hex) so nothing downstream can tell them apart. */
    private static String randomKey() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return hex(bytes);
    }

    /**
     * Lowercase hex MD5 of {@code bytes}. A clone of one prepared digest costs less than a provider lookup
     * per call, and a table lookup less than {@link HexFormat}: the lookup and {@code HexFormat} were half
     * of the key's samples in a JFR profile of the publish path.
     */
    static String md5Hex(byte[] bytes) {
        MessageDigest md5;
        try {
            md5 = (MessageDigest) MD5.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's MD5 digest can be cloned", e);
        }
        return hex(md5.digest(bytes));
    }

    private static String hex(byte[] bytes) {
        byte[] hex = new byte[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            hex[2 * i] = HEX_DIGITS[(bytes[i] >> 4) & 0xf];
            hex[2 * i + 1] = HEX_DIGITS[bytes[i] & 0xf];
        }
        return new String(hex, US_ASCII);
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides MD5", e);
        }
    }
}
