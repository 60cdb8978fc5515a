package dev.dispatcher.store.identify;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every digest of a file in one pass: size, SHA-256, SHA-512, SHA-1, MD5, ssdeep and TLSH, fed with the
 * same buffers as they are read. ssdeep is reported only from {@link Ssdeep#MIN_LENGTH} bytes and TLSH only
 * from {@link Tlsh#MIN_LENGTH} bytes (and only when the input varies enough for one). Close after use:
 * the ssdeep state lives in native memory.
 *
 * <p>TLSH and ssdeep cost about five times the four JDK digests together, so once an input passes
 * {@link #CONCURRENT_FROM} bytes each of them gets a thread of its own: the caller's bytes are copied into
 * a small fixed ring of {@link #CHUNK}-byte buffers that both threads read, while the calling thread
 * computes SHA-256, SHA-512, SHA-1 and MD5. The ring bounds memory (it never grows with the input) and
 * makes the caller wait when the threads fall behind. Smaller inputs are hashed on the caller's thread
 * only. {@link #close()} ends the threads in every case (finished, failed or abandoned); the results are
 * the same bytes either way. Not thread-safe: one caller per instance.
 */
public final class Digests implements AutoCloseable {

    /** The digests of one file. */
    public record Result(long size, String sha256, String sha512, String sha1, String md5, String ssdeep,
                         String tlsh) {
    }

    /** Inputs up to this size are hashed on the caller's thread only: starting two threads is not worth it. */
    static final int CONCURRENT_FROM = 1 << 20;

    /** Bytes per buffer handed to the TLSH and ssdeep threads (libfuzzy likes big pieces). */
    static final int CHUNK = 256 * 1024;

    /** Buffers in the ring: memory per upload is {@code BUFFERS * CHUNK} at most. */
    static final int BUFFERS = 4;

    private static final HexFormat HEX = HexFormat.of();

    private final MessageDigest sha256 = digest("SHA-256");
    private final MessageDigest sha512 = digest("SHA-512");
    private final MessageDigest sha1 = digest("SHA-1");
    private final MessageDigest md5 = digest("MD5");
    private final Tlsh tlsh = new Tlsh();
    private final Ssdeep ssdeep = new Ssdeep();
    private final long concurrentFrom;
    private final int chunkSize;
    private final int bufferCount;
    private long size;

    /** Set once the TLSH and ssdeep threads run; from then on they alone touch {@link #tlsh} and {@link #ssdeep}. */
    private Pipeline pipeline;
    private boolean finished;
    private boolean closed;

    public Digests() {
        this(CONCURRENT_FROM, CHUNK, BUFFERS);
    }

    /** For tests: hand TLSH and ssdeep to their threads once the input passes {@code concurrentFrom} bytes. */
    Digests(long concurrentFrom, int chunkSize, int bufferCount) {
        if (chunkSize < 1 || bufferCount < 1) {
            throw new IllegalArgumentException("chunkSize and bufferCount must be positive");
        }
        this.concurrentFrom = concurrentFrom;
        this.chunkSize = chunkSize;
        this.bufferCount = bufferCount;
    }

    /**
     * Adds {@code len} bytes of {@code data} from {@code off}; {@code data} may be reused once this returns.
     *
     * @throws IllegalStateException when TLSH or ssdeep failed on an earlier piece, or the caller's thread
     *                               was interrupted while it waited for them (its interrupt flag is kept)
     */
    public void update(byte[] data, int off, int len) {
        if (finished || closed) {
            throw new IllegalStateException("digests already finished or closed");
        }
        if (len <= 0) {
            return;
        }
        if (pipeline == null && size + len > concurrentFrom) {
            pipeline = new Pipeline(tlsh, ssdeep, chunkSize, bufferCount);
        }
        if (pipeline != null) {
            // Hand the bytes over first, so that TLSH and ssdeep work while the JDK digests run here.
            pipeline.write(data, off, len);
        } else {
            tlsh.update(data, off, len);
            ssdeep.update(data, off, len);
        }
        sha256.update(data, off, len);
        sha512.update(data, off, len);
        sha1.update(data, off, len);
        md5.update(data, off, len);
        size += len;
    }

    /** Bytes seen so far. */
    public long size() {
        return size;
    }

    /**
     * The digests of everything fed so far; call once.
     *
     * @throws IllegalStateException as {@link #update} does
     */
    public Result finish() {
        if (finished || closed) {
            throw new IllegalStateException("digests already finished or closed");
        }
        finished = true;
        if (pipeline != null) {
            pipeline.finish();
        }
        return new Result(size,
                HEX.formatHex(sha256.digest()),
                HEX.formatHex(sha512.digest()),
                HEX.formatHex(sha1.digest()),
                HEX.formatHex(md5.digest()),
                size >= Ssdeep.MIN_LENGTH ? ssdeep.digest() : null,
                tlsh.digest());
    }

    /** Ends the TLSH and ssdeep threads (abandoning their work when {@link #finish} was not called) and frees ssdeep. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (pipeline != null) {
            // libfuzzy's state may be freed only once the ssdeep thread no longer uses it.
            pipeline.abort();
        }
        ssdeep.close();
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }

    /** One buffer of the ring, read by both lanes; back in the free queue when both are done with it. */
    private static final class Chunk {
        final byte[] data;
        int length;
        final AtomicInteger readers = new AtomicInteger();

        Chunk(int size) {
            data = new byte[size];
        }
    }

    /** What a lane is told besides chunks. */
    private static final Chunk END = new Chunk(0);
    private static final Chunk ABORT = new Chunk(0);

    /** The piece of work one lane does with every chunk. */
    private interface Sink {
        void update(byte[] data, int off, int len);
    }

    /**
     * TLSH and ssdeep on a thread each, fed from a fixed ring of buffers. Only the caller's thread calls
     * its methods.
     */
    private static final class Pipeline {

        private final BlockingQueue<Chunk> free;
        private final Lane[] lanes;
        private final int chunkSize;
        private int created;
        private final int bufferCount;
        private Chunk current;
        private volatile Throwable failure;
        private boolean ended;

        Pipeline(Tlsh tlsh, Ssdeep ssdeep, int chunkSize, int bufferCount) {
            this.chunkSize = chunkSize;
            this.bufferCount = bufferCount;
            this.free = new ArrayBlockingQueue<>(bufferCount);
            this.lanes = new Lane[] {new Lane("tlsh", tlsh::update), new Lane("ssdeep", ssdeep::update)};
            int started = 0;
            try {
                for (Lane lane : lanes) {
                    lane.thread.start();
                    started++;
                }
            } catch (RuntimeException | Error e) {
                // Could not start a thread: stop the one that did start, then report.
                for (int i = 0; i < started; i++) {
                    lanes[i].queue.add(ABORT);
                    joinUninterruptibly(lanes[i].thread);
                }
                ended = true;
                throw e;
            }
        }

        void write(byte[] data, int off, int len) {
            checkFailure();
            while (len > 0) {
                if (current == null) {
                    current = takeFree();
                    current.length = 0;
                }
                int n = Math.min(len, chunkSize - current.length);
                System.arraycopy(data, off, current.data, current.length, n);
                current.length += n;
                off += n;
                len -= n;
                if (current.length == chunkSize) {
                    publish();
                }
            }
        }

        /** Hands the last partial chunk over, waits for both lanes to finish and reports their failure. */
        void finish() {
            checkFailure();
            if (current != null && current.length > 0) {
                publish();
            }
            ended = true;
            for (Lane lane : lanes) {
                lane.queue.add(END);
            }
            for (Lane lane : lanes) {
                joinUninterruptibly(lane.thread);
            }
            checkFailure();
        }

        /** Stops both lanes without waiting for the work queued to them, and waits until their threads end. */
        void abort() {
            if (!ended) {
                ended = true;
                for (Lane lane : lanes) {
                    // Never blocks: a lane's queue holds every chunk there is plus one marker.
                    lane.queue.add(ABORT);
                }
            }
            for (Lane lane : lanes) {
                joinUninterruptibly(lane.thread);
            }
        }

        private void publish() {
            Chunk chunk = current;
            current = null;
            chunk.readers.set(lanes.length);
            for (Lane lane : lanes) {
                lane.queue.add(chunk);
            }
        }

        private Chunk takeFree() {
            Chunk chunk = free.poll();
            if (chunk != null) {
                return chunk;
            }
            if (created < bufferCount) {
                created++;
                return new Chunk(chunkSize);
            }
            try {
                while (true) {
                    chunk = free.poll(100, TimeUnit.MILLISECONDS);
                    if (chunk != null) {
                        return chunk;
                    }
                    checkFailure();
                    for (Lane lane : lanes) {
                        if (!lane.thread.isAlive()) {
                            throw new IllegalStateException("the " + lane.name + " thread ended early");
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for TLSH and ssdeep", e);
            }
        }

        private void checkFailure() {
            Throwable failed = failure;
            if (failed != null) {
                throw new IllegalStateException("hashing failed: " + failed, failed);
            }
        }

        private void release(Chunk chunk) {
            if (chunk.readers.decrementAndGet() == 0) {
                free.add(chunk);
            }
        }

        private static void joinUninterruptibly(Thread thread) {
            boolean interrupted = false;
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        /** One digest's thread and the chunks waiting for it. */
        private final class Lane implements Runnable {
            final String name;
            final Sink sink;
            /** Every chunk of the ring fits, plus the END or ABORT marker, so adding never blocks. */
            final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(bufferCount + 1);
            final Thread thread;

            Lane(String name, Sink sink) {
                this.name = name;
                this.sink = sink;
                this.thread = Thread.ofPlatform().daemon().name("digests-" + name).unstarted(this);
            }

            @Override
            public void run() {
                boolean failed = false;
                while (true) {
                    Chunk chunk;
                    try {
                        chunk = queue.take();
                    } catch (InterruptedException e) {
                        // Nobody interrupts these threads but a shutdown; give up like an abort.
                        failure = e;
                        return;
                    }
                    if (chunk == END || chunk == ABORT) {
                        return;
                    }
                    if (!failed) {
                        try {
                            sink.update(chunk.data, 0, chunk.length);
                        } catch (Throwable e) {
                            // Keep taking (and freeing) chunks so that the caller never waits forever.
                            failed = true;
                            failure = e;
                        }
                    }
                    release(chunk);
                }
            }
        }
    }
}
