package dev.dispatcher.store.identify;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * libmagic (Debian's {@code libmagic1}) through JNA: a file's description and MIME type, as {@code file}
 * and {@code file --mime-type} print them. A {@code magic_t} is not thread-safe, so handles are pooled:
 * each call borrows one pair (description, MIME type), at most {@code size} pairs exist, and a caller
 * waits when all are in use. Loading the magic database takes milliseconds, so handles live as long as
 * the pool.
 */
public final class LibMagic implements AutoCloseable {

    private static final int MAGIC_NONE = 0x0;
    private static final int MAGIC_MIME_TYPE = 0x10;
    /** {@code MAGIC_PARAM_BYTES_MAX}: how much of a file libmagic looks at. */
    private static final int MAGIC_PARAM_BYTES_MAX = 6;

    /** The C API, {@code magic.h}. */
    interface Lib extends Library {
        Pointer magic_open(int flags);

        int magic_load(Pointer cookie, String filename);

        String magic_file(Pointer cookie, String filename);

        String magic_error(Pointer cookie);

        int magic_setparam(Pointer cookie, int param, Pointer value);

        void magic_close(Pointer cookie);
    }

    private static final Lib LIB = NativeLibraries.load("magic", "libmagic.so.1", Lib.class);

    /** What libmagic says of one file. */
    public record Result(String description, String mime) {
    }

    private record Handles(Pointer description, Pointer mime) {
    }

    private final BlockingQueue<Handles> idle;
    /** Pairs opened so far; guarded by {@code this}. */
    private int created;
    private final int size;
    private final long bytesMax;

    /**
     * @param size     most handle pairs, i.e. files identified at once
     * @param bytesMax how many bytes of a file libmagic reads at most
     */
    public LibMagic(int size, long bytesMax) {
        this.size = size;
        this.bytesMax = bytesMax;
        this.idle = new ArrayBlockingQueue<>(size);
        synchronized (this) {
            idle.add(open()); // fails at startup, not at the first upload, when libmagic or its database is missing
        }
    }

    /** Describes the file at {@code path}. */
    public Result identify(Path path) throws InterruptedException {
        Handles handles = borrow();
        try {
            String file = path.toAbsolutePath().toString();
            return new Result(call(handles.description(), file), call(handles.mime(), file));
        } finally {
            idle.add(handles);
        }
    }

    private Handles borrow() throws InterruptedException {
        Handles handles = idle.poll();
        if (handles != null) {
            return handles;
        }
        synchronized (this) {
            if (created < size) {
                return open();
            }
        }
        return idle.take();
    }

    private static String call(Pointer cookie, String file) {
        String result = LIB.magic_file(cookie, file);
        if (result == null) {
            throw new IllegalStateException("libmagic failed: " + LIB.magic_error(cookie));
        }
        return result;
    }

    /** A new pair; callers hold the lock and have checked that the pool has room. */
    private Handles open() {
        Handles handles = new Handles(cookie(MAGIC_NONE), cookie(MAGIC_MIME_TYPE));
        created++;
        return handles;
    }

    private Pointer cookie(int flags) {
        Pointer cookie = LIB.magic_open(flags);
        if (cookie == null) {
            throw new IllegalStateException("magic_open failed");
        }
        if (LIB.magic_load(cookie, null) != 0) {
            String error = LIB.magic_error(cookie);
            LIB.magic_close(cookie);
            throw new IllegalStateException("libmagic could not load its database: " + error);
        }
        Memory value = new Memory(Native.SIZE_T_SIZE);
        if (Native.SIZE_T_SIZE == 8) {
            value.setLong(0, bytesMax);
        } else {
            value.setInt(0, (int) bytesMax);
        }
        LIB.magic_setparam(cookie, MAGIC_PARAM_BYTES_MAX, value);
        return cookie;
    }

    @Override
    public void close() {
        Handles handles;
        while ((handles = idle.poll()) != null) {
            LIB.magic_close(handles.description());
            LIB.magic_close(handles.mime());
        }
    }
}
