package dev.dispatcher.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.dispatcher.common.event.DatastreamLabel;
import dev.dispatcher.common.web.ApiException;
import dev.dispatcher.store.StoreMetrics.Operation;
import dev.dispatcher.store.backend.BlobBackend;
import dev.dispatcher.store.backend.BlobBackend.BlobInfo;
import dev.dispatcher.store.identify.Digests;
import dev.dispatcher.store.identify.Identification;
import dev.dispatcher.store.identify.Identifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * The streams API's work: an upload is streamed once to a spool file while every digest is computed, checked,
 * identified, stored under {@code <source>/<label>/<sha256>} unless those bytes are there already, announced on
 * Kafka, and its spool file deleted whatever happened. Nothing is stored for a refused upload.
 */
public class StreamService {

    private static final Logger log = LoggerFactory.getLogger(StreamService.class);

    /** A source: what a Kafka topic name allows, no {@code ..}, at most 200 characters. */
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,199}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final int BUFFER = 256 * 1024;

    /** The answer to an upload, inside {@code {"data": ...}}; absent values are left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Datastream(String label, long size, String sha256, String sha512, String sha1, String md5,
                             String ssdeep, String tlsh, String mime, String magic, String file_format,
                             String file_extension) {
    }

    /** The body ended before it was complete (the client went away, or sent less than it announced). */
    public static class UploadAbortedException extends RuntimeException {
        UploadAbortedException(Throwable cause) {
            super("the upload ended before its body was complete", cause);
        }
    }

    private final StoreProperties properties;
    private final BlobBackend backend;
    private final Identifier identifier;
    private final StoreEvents events;
    private final StoreMetrics metrics;

    public StreamService(StoreProperties properties, BlobBackend backend, Identifier identifier, StoreEvents events,
                         StoreMetrics metrics) {
        this.properties = properties;
        this.backend = backend;
        this.identifier = identifier;
        this.events = events;
        this.metrics = metrics;
        try {
            Files.createDirectories(properties.getSpoolDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the spool folder " + properties.getSpoolDir(), e);
        }
    }

    /** Validates a source segment of a path. */
    public static String source(String source) {
        if (source == null || !SEGMENT.matcher(source).matches() || source.contains("..")) {
            throw ApiException.badParameter("source", "Source '" + printable(source) + "' is not a valid name: "
                    + "letters, digits, '.', '_' and '-' only, not starting with '.' or '-', no '..', at most 200 characters.");
        }
        return source;
    }

    /** Validates a label segment: one of the datastream labels. */
    public static String label(String label) {
        return DatastreamLabel.fromWireName(label).map(DatastreamLabel::wireName).orElseThrow(() ->
                ApiException.badParameter("label", "Label '" + printable(label) + "' is not a datastream label."));
    }

    /** Validates a sha256 segment and gives it in lower case. */
    public static String sha256(String sha256, String parameter) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw ApiException.badParameter(parameter, "'" + printable(sha256) + "' is not a sha256 (64 hex digits).");
        }
        return sha256.toLowerCase(Locale.ROOT);
    }

    static String key(String source, String label, String sha256) {
        return source + "/" + label + "/" + sha256;
    }

    /**
     * Receives one upload.
     *
     * @param declaredLength the request's Content-Length, or -1 (chunked)
     */
    public Datastream upload(String source, String label, InputStream body, long declaredLength,
                             String expectedSha256, boolean skipIdentify, String client) {
        long started = System.nanoTime();
        String result = "failed";
        long accepted = 0;
        long max = properties.getMaxSize().toBytes();
        try {
            if (declaredLength > max) {
                result = "refused";
                throw tooLarge(max);
            }
            Path spool = Files.createTempFile(properties.getSpoolDir(), "upload-", ".part");
            try (AutoCloseable counted = metrics.spooling(); Digests digests = new Digests()) {
                spool(body, spool, digests, max);
                Digests.Result hashes = digests.finish();
                if (hashes.size() == 0) {
                    result = "refused";
                    throw ApiException.badParameter("body", "The upload is empty; a stream needs at least one byte.");
                }
                if (expectedSha256 != null && !expectedSha256.equals(hashes.sha256())) {
                    result = "refused";
                    throw new ApiException(HttpStatus.BAD_REQUEST, "sha256_mismatch",
                            "The body's sha256 is " + hashes.sha256() + ", not the expected " + expectedSha256
                                    + "; nothing was stored.", Map.of("parameter", "expected-sha256"));
                }
                Identification identity = skipIdentify ? null : identify(spool);
                String key = key(source, label, hashes.sha256());
                long writing = System.nanoTime();
                boolean created = backend.putIfAbsent(key, spool, hashes.size());
                metrics.time(Operation.BACKEND_WRITE, created ? "stored" : "existing", System.nanoTime() - writing);
                events.stored(source, label, hashes.sha256(), hashes.size(), key, created, client);
                result = created ? "stored" : "existing";
                accepted = hashes.size();
                return datastream(label, hashes, identity);
            } finally {
                Files.deleteIfExists(spool);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("spool folder " + properties.getSpoolDir() + " failed", e);
        } catch (ApiException e) {
            if (e.status().is4xxClientError()) {
                result = "refused";
            }
            throw e;
        } catch (UploadAbortedException e) {
            result = "aborted";
            throw e;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            metrics.upload(label, result, accepted);
            metrics.time(Operation.UPLOAD, result, System.nanoTime() - started);
        }
    }

    private void spool(InputStream body, Path spool, Digests digests, long max) throws IOException {
        long started = System.nanoTime();
        byte[] buffer = new byte[BUFFER];
        try (OutputStream out = Files.newOutputStream(spool)) {
            while (true) {
                int n;
                try {
                    n = body.readNBytes(buffer, 0, buffer.length);
                } catch (IOException e) {
                    throw new UploadAbortedException(e);
                }
                if (n <= 0) {
                    break;
                }
                if (digests.size() + n > max) {
                    throw tooLarge(max);
                }
                digests.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
        }
        metrics.time(Operation.SPOOL, "ok", System.nanoTime() - started);
    }

    private Identification identify(Path spool) throws IOException, InterruptedException {
        long started = System.nanoTime();
        try {
            Identification identity = identifier.identify(spool);
            if ("unknown".equals(identity.fileFormat())) {
                metrics.identifyFailure(identity.mime());
            }
            metrics.time(Operation.IDENTIFY, "ok", System.nanoTime() - started);
            return identity;
        } catch (RuntimeException e) {
            // A file libmagic chokes on is still stored: its type is unknown, its bytes are not lost.
            log.warn("identification failed: {}", e.toString());
            metrics.identifyFailure("error");
            metrics.time(Operation.IDENTIFY, "failed", System.nanoTime() - started);
            return new Identification(null, null, "unknown", null);
        }
    }

    private static Datastream datastream(String label, Digests.Result hashes, Identification identity) {
        return new Datastream(label, hashes.size(), hashes.sha256(), hashes.sha512(), hashes.sha1(), hashes.md5(),
                hashes.ssdeep(), hashes.tlsh(),
                identity == null ? null : identity.mime(),
                identity == null ? null : identity.magic(),
                identity == null ? null : identity.fileFormat(),
                identity == null ? null : identity.fileExtension());
    }

    /** The size and age of a blob, or empty. */
    public Optional<BlobInfo> info(String source, String label, String sha256) {
        return backend.info(key(source, label, sha256));
    }

    /** {@code length} bytes of a blob from {@code offset}. */
    public InputStream open(String source, String label, String sha256, long offset, long length) {
        return backend.open(key(source, label, sha256), offset, length);
    }

    /** What a delete found. */
    public enum Deletion { DELETED, KEPT_NEWER, ABSENT }

    /**
     * Deletes a blob, announcing it on Kafka first: if the delete then fails the caller gets an error and
     * retries, and the retry announces and deletes again. With {@code olderThan}, a blob written at or after
     * that instant is kept.
     */
    public Deletion delete(String source, String label, String sha256, Instant olderThan, String client) {
        String key = key(source, label, sha256);
        Optional<BlobInfo> info = backend.info(key);
        if (info.isEmpty()) {
            return Deletion.ABSENT;
        }
        if (olderThan != null && !info.get().lastModified().isBefore(olderThan)) {
            return Deletion.KEPT_NEWER;
        }
        events.deleted(source, label, sha256, key, client);
        return backend.delete(key) ? Deletion.DELETED : Deletion.ABSENT;
    }

    private static ApiException tooLarge(long max) {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large",
                "The upload is larger than the limit of " + max + " bytes (dispatcher.store.max-size); nothing was stored.",
                Map.of("parameter", "body"));
    }

    /** A value for an error message: control characters shown as escapes, long values cut. */
    static String printable(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (out.length() > 80) {
                out.append("...");
                break;
            }
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
