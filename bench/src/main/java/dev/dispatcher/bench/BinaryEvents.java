package dev.dispatcher.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Valid binary events ({@code sourced}, of one source, a {@code content} datastream), each
 * with a sha256 of its own and padded to a fixed JSON size, as an ingestor would publish them.
 * Thread-safe; cheap enough to build on the fly inside the load loops.
 */
final class BinaryEvents {

    /** The source of the measured events. */
    static final String SOURCE = "bench";
    /** The source of the warm-up's events: its own topics, which the measured fetch does not read. */
    static final String WARM_UP_SOURCE = "bench-warmup";
    static final String ACTION = "sourced";

    private final String run;
    private final String source;
    private final int size;
    private final AtomicLong sequence = new AtomicLong();
    private final String timestamp;
    private final ThreadLocal<MessageDigest> sha256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    /** @param size bytes of each event's JSON (UTF-8); the filler makes up the difference */
    BinaryEvents(String run, String source, int size) {
        this.run = run;
        this.source = source;
        this.size = size;
        this.timestamp = OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx"));
    }

    /** One event and its sha256. */
    record Event(String sha256, String json) {
    }

    Event next() {
        String sha = HexFormat.of().formatHex(sha256.get().digest(
                (run + "/" + sequence.incrementAndGet()).getBytes(StandardCharsets.UTF_8)));
        String json = json(sha, "");
        int pad = size - json.length();
        if (pad > 0) {
            json = json(sha, "x".repeat(pad));
        }
        return new Event(sha, json);
    }

    /** A JSON array of {@code n} events, as Azul's client posts them. */
    byte[] array(int n) {
        StringBuilder body = new StringBuilder(n * (size + 1) + 2).append('[');
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                body.append(',');
            }
            body.append(next().json());
        }
        return body.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    private String json(String sha, String filler) {
        return "{\"model_version\":6,\"timestamp\":\"" + timestamp + "\","
                + "\"author\":{\"name\":\"bench-ingestor\",\"version\":\"1\",\"category\":\"loader\"},"
                + "\"action\":\"" + ACTION + "\","
                + "\"source\":{\"name\":\"" + source + "\",\"timestamp\":\"" + timestamp + "\","
                + "\"references\":{\"run\":\"" + run + "\",\"note\":\"" + filler + "\"},"
                + "\"path\":[{\"action\":\"" + ACTION + "\",\"sha256\":\"" + sha + "\",\"timestamp\":\"" + timestamp + "\","
                + "\"author\":{\"name\":\"bench-ingestor\",\"version\":\"1\",\"category\":\"loader\"}}]},"
                + "\"entity\":{\"sha256\":\"" + sha + "\",\"size\":1048576,\"file_format\":\"executable/windows/pe32\","
                + "\"datastreams\":[{\"label\":\"content\",\"sha256\":\"" + sha + "\",\"md5\":\"" + sha.substring(0, 32)
                + "\",\"sha1\":\"" + sha.substring(0, 40) + "\",\"size\":1048576,\"file_format\":\"executable/windows/pe32\","
                + "\"mime\":\"application/x-dosexec\"}]}}";
    }
}
