package dev.dispatcher.common.kafka;

import net.jpountz.lz4.LZ4Factory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets Kafka's clients compress and decompress lz4 with lz4-java's native (JNI) code inside a Spring
 * Boot jar.
 *
 * <p>Kafka asks {@link LZ4Factory#fastestInstance()} for its lz4 codec. That method tries the native
 * library only once it is loaded or when lz4-java's classes come from the system class loader; in a
 * Spring Boot jar they come from the jar's own class loader, so every app fell back to the pure-Java
 * codec (about 8× slower than JNI on this machine; docs/benchmarks.md). {@link #load()} loads the
 * native library, after which {@code fastestInstance()} answers JNI. It must run before any Kafka client
 * exists (Kafka keeps its lz4 decompressor in a static field, fixed when the class is first used), so it
 * is called by {@link NativeLz4Listener} when the environment is prepared, after logging is set up and
 * before the application context (and so any Kafka client) exists: every app of the suite gets it. This
 * class needs nothing of Spring, so that its test can load it beside lz4-java alone.
 * Where the native library cannot load (an unusual CPU or OS), the Java codec stays, with a log line.
 */
public final class NativeLz4 {

    private static final Logger log = LoggerFactory.getLogger(NativeLz4.class);

    private NativeLz4() {
    }

    /**
     * Loads lz4-java's native library if it can.
     *
     * @return the codec Kafka gets from now on, as lz4-java names it ({@code LZ4Factory:JNI} when loaded)
     */
    public static String load() {
        try {
            LZ4Factory.nativeInstance();
        } catch (RuntimeException | LinkageError e) {
            log.warn("lz4-java's native library did not load ({}); Kafka's lz4 stays on the pure-Java codec", e.toString());
        }
        String codec = LZ4Factory.fastestInstance().toString();
        log.info("lz4 codec for Kafka: {}", codec);
        return codec;
    }
}
