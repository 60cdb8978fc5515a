package dev.dispatcher.store.backend;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Where blobs live. Keys are {@code <source>/<label>/<sha256>}, already validated; a blob never changes once
 * written (its key names its content), so writing a key twice is harmless and a reader never sees a partial
 * object: both backends make a blob visible only when it is complete. Every method throws
 * {@link BackendUnavailableException} when the backend cannot be reached.
 */
public interface BlobBackend extends AutoCloseable {

    /** For logs and health details, e.g. {@code s3 http://127.0.0.1:9000 bucket dispatcher}. */
    String describe();

    /** A stored blob's size and when it was written. */
    record BlobInfo(long size, Instant lastModified) {
    }

    /** The blob's size and age, or empty when there is none. */
    Optional<BlobInfo> info(String key);

    /**
     * Stores the complete file under {@code key} unless a blob is there already.
     *
     * @return whether it was written (false: it was there, nothing was written)
     */
    boolean putIfAbsent(String key, Path file, long size);

    /** {@code length} bytes of the blob from {@code offset}; the caller has checked the range against its size. */
    InputStream open(String key, long offset, long length);

    /** Removes the blob; false when there was none. */
    boolean delete(String key);

    /** Throws unless the backend can store and read now (readiness). */
    void check();

    /** Releases connections; no other call follows. */
    @Override
    default void close() {
    }
}
