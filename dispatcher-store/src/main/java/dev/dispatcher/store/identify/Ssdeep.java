package dev.dispatcher.store.identify;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;

/**
 * ssdeep (context-triggered piecewise hashing) through Debian's {@code libfuzzy2}, fed in pieces so that
 * it runs in the upload's single pass; {@link #digest()} equals what the {@code ssdeep} tool prints.
 * Not thread-safe: one instance per upload, closed after use.
 */
public final class Ssdeep implements AutoCloseable {

    /** Inputs shorter than this get no ssdeep (DESIGN §6): the hash says little about so few bytes. */
    public static final long MIN_LENGTH = 4096;

    /** {@code FUZZY_MAX_RESULT}: twice {@code SPAMSUM_LENGTH} (64) plus room for the block size and colons. */
    private static final int MAX_RESULT = 2 * 64 + 20;

    /** The C API of libfuzzy, {@code fuzzy.h}. */
    interface LibFuzzy extends Library {
        Pointer fuzzy_new();

        int fuzzy_update(Pointer state, byte[] buffer, long length);

        int fuzzy_digest(Pointer state, byte[] result, int flags);

        void fuzzy_free(Pointer state);
    }

    private static final LibFuzzy LIB = NativeLibraries.load("fuzzy", "libfuzzy.so.2", LibFuzzy.class);

    private Pointer state;
    private byte[] copy = new byte[0];

    public Ssdeep() {
        state = LIB.fuzzy_new();
        if (state == null) {
            throw new IllegalStateException("libfuzzy could not allocate a hashing state");
        }
    }

    /** Whether libfuzzy is loaded (the service refuses to start without it). */
    public static void check() {
        new Ssdeep().close();
    }

    /** Adds {@code len} bytes of {@code data} from {@code off}. */
    public void update(byte[] data, int off, int len) {
        byte[] chunk = data;
        if (off != 0) {
            if (copy.length < len) {
                copy = new byte[len];
            }
            System.arraycopy(data, off, copy, 0, len);
            chunk = copy;
        }
        if (LIB.fuzzy_update(state, chunk, len) != 0) {
            throw new IllegalStateException("libfuzzy refused input");
        }
    }

    /** The digest, {@code blocksize:hash:hash}. */
    public String digest() {
        byte[] result = new byte[MAX_RESULT];
        if (LIB.fuzzy_digest(state, result, 0) != 0) {
            throw new IllegalStateException("libfuzzy could not make a digest");
        }
        int end = 0;
        while (end < result.length && result[end] != 0) {
            end++;
        }
        return new String(result, 0, end, StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        if (state != null) {
            LIB.fuzzy_free(state);
            state = null;
        }
    }
}
