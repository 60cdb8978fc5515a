package dev.dispatcher.store.identify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The table that turns what libmagic says into {@code file_format} and {@code file_extension}: the data file
 * {@code file-formats.yml} beside this class, whose header explains its rules (docs/file-formats.md lists
 * them).
 */
public final class FileFormats {

    static final String RESOURCE = "file-formats.yml";

    /** A format and its usual extension. */
    public record Format(String format, String extension) {
        /** Nothing matched. */
        public static final Format UNKNOWN = new Format("unknown", null);
        static final Format TEXT = new Format("text/plain", "txt");
    }

    record Rule(Format format, List<String> mimes, Pattern magic) {
        boolean matches(String mime, String description) {
            return (mimes.isEmpty() || mimes.contains(mime)) && (magic == null || magic.matcher(description).find());
        }
    }

    record TextRule(Format format, int min, List<Pattern> patterns) {
        int hits(CharSequence head) {
            int hits = 0;
            for (Pattern pattern : patterns) {
                if (pattern.matcher(head).find()) {
                    hits++;
                }
            }
            return hits;
        }
    }

    private static final List<String> OLE_MIMES = List.of("application/x-ole-storage", "application/CDFV2",
            "application/vnd.ms-office");

    private final List<Rule> rules;
    private final Map<String, Format> oleStreams;
    private final Map<UUID, Format> oleClasses;
    private final Format oleOtherwise;
    private final List<TextRule> textRules;

    private FileFormats(List<Rule> rules, Map<String, Format> oleStreams, Map<UUID, Format> oleClasses,
                        Format oleOtherwise, List<TextRule> textRules) {
        this.rules = rules;
        this.oleStreams = oleStreams;
        this.oleClasses = oleClasses;
        this.oleOtherwise = oleOtherwise;
        this.textRules = textRules;
    }

    /** The table shipped with the service. */
    public static FileFormats load() {
        try (InputStream in = FileFormats.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return parse(YAMLMapper.builder().build().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FileFormats parse(JsonNode root) {
        List<Rule> rules = new ArrayList<>();
        for (JsonNode rule : root.path("rules")) {
            List<String> mimes = new ArrayList<>();
            JsonNode mime = rule.path("mime");
            if (mime.isArray()) {
                mime.forEach(m -> mimes.add(m.asString()));
            } else if (!mime.isMissingNode()) {
                mimes.add(mime.asString());
            }
            Pattern magic = rule.has("magic")
                    ? Pattern.compile(rule.get("magic").asString(), Pattern.CASE_INSENSITIVE) : null;
            if (mimes.isEmpty() && magic == null) {
                throw new IllegalStateException(RESOURCE + ": rule " + rule + " has neither mime nor magic");
            }
            rules.add(new Rule(format(rule), List.copyOf(mimes), magic));
        }
        JsonNode ole = root.path("ole");
        Map<String, Format> streams = ole.path("streams").properties().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> format(e.getValue())));
        Map<UUID, Format> classes = ole.path("classes").properties().stream()
                .collect(Collectors.toMap(e -> UUID.fromString(e.getKey()), e -> format(e.getValue())));
        Format otherwise = ole.has("otherwise") ? format(ole.get("otherwise")) : Format.UNKNOWN;
        List<TextRule> text = new ArrayList<>();
        for (JsonNode rule : root.path("text")) {
            List<Pattern> patterns = new ArrayList<>();
            rule.path("patterns").forEach(p -> patterns.add(Pattern.compile(p.asString())));
            text.add(new TextRule(format(rule), rule.path("min").asInt(1), List.copyOf(patterns)));
        }
        return new FileFormats(List.copyOf(rules), Map.copyOf(streams), Map.copyOf(classes), otherwise,
                List.copyOf(text));
    }

    private static Format format(JsonNode node) {
        String format = node.path("format").asString(null);
        if (format == null || format.isBlank()) {
            throw new IllegalStateException(RESOURCE + ": " + node + " names no format");
        }
        String extension = node.path("extension").asString(null);
        return new Format(format, extension);
    }

    /** The first rule matching libmagic's MIME type and description, or {@code null}. */
    Format byMagic(String mime, String description) {
        for (Rule rule : rules) {
            if (rule.matches(mime, description)) {
                return rule.format();
            }
        }
        return null;
    }

    /** Whether libmagic's answer names an OLE2 compound file that {@link #byOle} should name. */
    static boolean isOle(String mime, String description) {
        return OLE_MIMES.contains(mime) || description.startsWith("Composite Document File")
                || description.startsWith("CDFV2");
    }

    /** The format of a compound file from its directory ({@code null} when it could not be read). */
    Format byOle(OleInspector.Directory directory) {
        if (directory != null) {
            for (String stream : directory.streams()) {
                Format format = oleStreams.get(stream);
                if (format != null) {
                    return format;
                }
            }
            if (directory.rootClass() != null) {
                Format format = oleClasses.get(directory.rootClass());
                if (format != null) {
                    return format;
                }
            }
        }
        return oleOtherwise;
    }

    /** The script language of a text file from its first characters, or plain text. */
    Format byText(CharSequence head) {
        Format best = null;
        int bestHits = 0;
        for (TextRule rule : textRules) {
            int hits = rule.hits(head);
            if (hits >= rule.min() && hits > bestHits) {
                best = rule.format();
                bestHits = hits;
            }
        }
        return best != null ? best : Format.TEXT;
    }

    static boolean isText(String mime) {
        return mime.toLowerCase(Locale.ROOT).startsWith("text/");
    }
}
