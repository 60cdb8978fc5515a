package dev.dispatcher.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The hashing phase of {@code ./dispatcher bench store}, run by {@link StoreBench} in a JVM of its own on the
 * store jar's classpath (Spring Boot's {@code PropertiesLauncher}, this jar added by {@code loader.path}), so
 * that it measures the store's own {@code dev.dispatcher.store.identify.Digests} (size, SHA-256, SHA-512,
 * SHA-1, MD5, ssdeep through libfuzzy, TLSH) beside the same digests computed one at a time. Store classes are
 * reached by reflection: this module does not depend on the store. Without them (plain classpath) only the
 * JDK digests are measured. Prints one {@code HASH} line per variant; asserts nothing.
 *
 * <p>The loop is the store's: the data goes by in 256 KiB buffers (StreamService's spool buffer), every
 * digest of the one-pass variants fed each buffer in turn.
 */
public final class HashBench {

    private static final int CHUNK = 256 * 1024;
    private static final String DIGESTS = "dev.dispatcher.store.identify.Digests";
    private static final String TLSH = "dev.dispatcher.store.identify.Tlsh";
    private static final String SSDEEP = "dev.dispatcher.store.identify.Ssdeep";

    /** Something that eats buffers: a fresh one per measured pass. */
    interface Sink {
        void update(byte[] data, int off, int len) throws Throwable;

        /** Finishes (digest, close) so that the finishing work is counted too. */
        void finish() throws Throwable;
    }

    interface SinkFactory {
        Sink create() throws Throwable;
    }

    record Variant(String key, String label, SinkFactory factory) {
    }

    public static void main(String[] args) throws Throwable {
        int mib = 512;
        int repeats = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--mib" -> mib = Integer.parseInt(args[++i]);
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        // 64 MiB of random bytes, gone over as often as needed; each pass stamped differently.
        byte[] data = new byte[64 * 1024 * 1024];
        new SplittableRandom(5).nextBytes(data);
        long total = mib * 1024L * 1024L;

        List<Variant> variants = new ArrayList<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        Class<?> digests = load(loader, DIGESTS);
        if (digests != null) {
            MethodHandle ctor = lookup.findConstructor(digests, MethodType.methodType(void.class));
            MethodHandle update = lookup.findVirtual(digests, "update",
                    MethodType.methodType(void.class, byte[].class, int.class, int.class));
            MethodHandle finish = lookup.findVirtual(digests, "finish", MethodType.methodType(digests.getMethod("finish").getReturnType()));
            MethodHandle close = lookup.findVirtual(digests, "close", MethodType.methodType(void.class));
            variants.add(new Variant("store", "store's Digests, one pass (size, sha256, sha512, sha1, md5, ssdeep, tlsh)",
                    () -> {
                        Object d = ctor.invoke();
                        return new Sink() {
                            public void update(byte[] b, int off, int len) throws Throwable {
                                update.invoke(d, b, off, len);
                            }

                            public void finish() throws Throwable {
                                finish.invoke(d);
                                close.invoke(d);
                            }
                        };
                    }));
        }
        variants.add(new Variant("jdk4", "md5 + sha1 + sha256 + sha512, one pass (MessageDigest)", () -> jdk("MD5", "SHA-1", "SHA-256", "SHA-512")));
        for (String alg : List.of("MD5", "SHA-1", "SHA-256", "SHA-512")) {
            variants.add(new Variant("alone-" + alg.toLowerCase().replace("-", ""), alg.toLowerCase().replace("-", "") + " alone", () -> jdk(alg)));
        }
        Class<?> tlsh = load(loader, TLSH);
        if (tlsh != null) {
            variants.add(new Variant("alone-tlsh", "tlsh alone (store's Tlsh, Java)", reflective(lookup, tlsh, "digest", null)));
        }
        Class<?> ssdeep = load(loader, SSDEEP);
        if (ssdeep != null) {
            variants.add(new Variant("alone-ssdeep", "ssdeep alone (store's Ssdeep, libfuzzy through JNA)", reflective(lookup, ssdeep, "digest", "close")));
        }

        System.out.println("INFO java " + Runtime.version() + ", store classes " + (digests != null ? "found" : "NOT found")
                + ", data " + mib + " MiB per repeat, " + repeats + " repeats, buffers of " + CHUNK / 1024 + " KiB");
        // Warm-up: many small calls (so that the digest intrinsics get compiled), then one 64 MiB pass, each variant.
        for (Variant v : variants) {
            Sink s = v.factory().create();
            for (int i = 0; i < 20_000; i++) {
                s.update(data, (i * 4096) % (data.length - 4096), 4096);
            }
            s.finish();
            run(v, data, data.length, 0);
        }
        for (Variant v : variants) {
            long[] nanos = new long[repeats];
            for (int r = 0; r < repeats; r++) {
                nanos[r] = run(v, data, total, r + 1);
            }
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            long median = sorted[sorted.length / 2];
            StringBuilder all = new StringBuilder();
            for (long n : nanos) {
                all.append(all.isEmpty() ? "" : ",").append(n);
            }
            System.out.println("HASH\t" + v.key() + "\t" + v.label() + "\t" + total + "\t" + median + "\t" + all);
            System.out.flush();
        }
    }

    private static long run(Variant v, byte[] data, long total, int pass) throws Throwable {
        Sink s = v.factory().create();
        long started = System.nanoTime();
        long done = 0;
        long round = 0;
        while (done < total) {
            // A different file every 64 MiB, as the store would see.
            stamp(data, pass * 1_000_000L + round++);
            for (int off = 0; off < data.length && done < total; off += CHUNK) {
                int n = (int) Math.min(CHUNK, total - done);
                s.update(data, off, n);
                done += n;
            }
        }
        s.finish();
        return System.nanoTime() - started;
    }

    private static void stamp(byte[] data, long number) {
        for (int i = 0; i < 8; i++) {
            data[i] = (byte) (number >>> (8 * i));
        }
    }

    private static Sink jdk(String... algorithms) throws Exception {
        MessageDigest[] md = new MessageDigest[algorithms.length];
        for (int i = 0; i < md.length; i++) {
            md[i] = MessageDigest.getInstance(algorithms[i]);
        }
        return new Sink() {
            public void update(byte[] b, int off, int len) {
                for (MessageDigest d : md) {
                    d.update(b, off, len);
                }
            }

            public void finish() {
                for (MessageDigest d : md) {
                    d.digest();
                }
            }
        };
    }

    /** A store class with a no-argument constructor, {@code update(byte[], int, int)}, a digest method and maybe close. */
    private static SinkFactory reflective(MethodHandles.Lookup lookup, Class<?> type, String digest, String close) throws Exception {
        MethodHandle ctor = lookup.findConstructor(type, MethodType.methodType(void.class));
        MethodHandle update = lookup.findVirtual(type, "update", MethodType.methodType(void.class, byte[].class, int.class, int.class));
        MethodHandle dig = lookup.findVirtual(type, digest, MethodType.methodType(type.getMethod(digest).getReturnType()));
        MethodHandle cl = close == null ? null : lookup.findVirtual(type, close, MethodType.methodType(void.class));
        return () -> {
            Object o = ctor.invoke();
            return new Sink() {
                public void update(byte[] b, int off, int len) throws Throwable {
                    update.invoke(o, b, off, len);
                }

                public void finish() throws Throwable {
                    dig.invoke(o);
                    if (cl != null) {
                        cl.invoke(o);
                    }
                }
            };
        };
    }

    private static Class<?> load(ClassLoader loader, String name) {
        try {
            return Class.forName(name, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
