package dev.dispatcher.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Settings of one {@code store} run; {@code --quick} shrinks every phase to a smoke check. */
final class StoreOptions {

    boolean quick;
    URI store = URI.create("http://127.0.0.1:18112");
    URI s3 = URI.create("http://127.0.0.1:19190");
    String accessKey = "dispatcher-bench";
    String secretKey = "dispatcher-bench-secret";
    String region = "us-east-1";
    String bucket = "bench";
    String source = "bench";
    String label = "content";
    long storePid = -1;
    long s3Pid = -1;
    long kafkaPid = -1;
    Path kafkaLib;
    Path storeJar;
    Path benchJar;
    Path work = Path.of(".");
    Path docs;
    boolean writeDocs;
    boolean jfr;
    String invocation = "./dispatcher bench store";
    String buildInfo;

    /** Size of every file, MiB (issue 5: 64 MiB). */
    int sizeMib = 64;
    /** Distinct files per transfer phase and concurrency level. */
    int files = 10;
    /** Unmeasured transfers of each kind first (JIT of the store, S3Proxy and the SDK). */
    int warmup = 3;
    List<Integer> concurrency = new ArrayList<>(List.of(1, 2));
    boolean multipart = true;
    /** Bytes hashed per measured repeat, MiB, and the number of repeats (median reported). */
    int hashMib = 256;
    int hashRepeats = 3;

    static final List<String> PHASES = List.of("transfer", "hash");
    List<String> phases = PHASES;

    static StoreOptions parse(String[] args) {
        StoreOptions o = new StoreOptions();
        if (Arrays.asList(args).contains("--quick")) {
            o.quick = true;
            o.files = 3;
            o.warmup = 1;
            o.concurrency = new ArrayList<>(List.of(1));
            o.hashMib = 128;
            o.hashRepeats = 1;
        }
        o.writeDocs = !o.quick;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick" -> { }
                case "--write-docs" -> o.writeDocs = true;
                case "--no-docs" -> o.writeDocs = false;
                case "--jfr" -> o.jfr = true;
                case "--no-multipart" -> o.multipart = false;
                case "--store" -> o.store = URI.create(args[++i]);
                case "--s3" -> o.s3 = URI.create(args[++i]);
                case "--access-key" -> o.accessKey = args[++i];
                case "--secret-key" -> o.secretKey = args[++i];
                case "--region" -> o.region = args[++i];
                case "--bucket" -> o.bucket = args[++i];
                case "--source" -> o.source = args[++i];
                case "--label" -> o.label = args[++i];
                case "--store-pid" -> o.storePid = Long.parseLong(args[++i]);
                case "--s3-pid" -> o.s3Pid = Long.parseLong(args[++i]);
                case "--kafka-pid" -> o.kafkaPid = Long.parseLong(args[++i]);
                case "--kafka-lib" -> o.kafkaLib = Path.of(args[++i]);
                case "--store-jar" -> o.storeJar = Path.of(args[++i]);
                case "--bench-jar" -> o.benchJar = Path.of(args[++i]);
                case "--work" -> o.work = Path.of(args[++i]);
                case "--docs" -> o.docs = Path.of(args[++i]);
                case "--invocation" -> o.invocation = args[++i];
                case "--build-info" -> o.buildInfo = args[++i];
                case "--size-mib" -> o.sizeMib = Integer.parseInt(args[++i]);
                case "--files" -> o.files = Integer.parseInt(args[++i]);
                case "--warmup" -> o.warmup = Integer.parseInt(args[++i]);
                case "--concurrency" -> {
                    o.concurrency = new ArrayList<>();
                    for (String c : args[++i].split(",")) {
                        o.concurrency.add(Integer.parseInt(c.trim()));
                    }
                }
                case "--hash-mib" -> o.hashMib = Integer.parseInt(args[++i]);
                case "--hash-repeats" -> o.hashRepeats = Integer.parseInt(args[++i]);
                case "--phases" -> o.phases = List.of(args[++i].split(","));
                default -> throw new IllegalArgumentException("unknown option " + a + "\n" + usage());
            }
        }
        for (String phase : o.phases) {
            if (!PHASES.contains(phase)) {
                throw new IllegalArgumentException("--phases takes a comma list of " + PHASES + ", not " + phase);
            }
        }
        if (o.files < 1 || o.sizeMib < 1 || o.concurrency.isEmpty() || o.concurrency.stream().anyMatch(c -> c < 1)) {
            throw new IllegalArgumentException("--files, --size-mib and every --concurrency level must be at least 1");
        }
        return o;
    }

    long size() {
        return sizeMib * 1024L * 1024L;
    }

    static String usage() {
        return """
                Options of the store benchmark (./dispatcher bench store [options]):
                  --quick                    3 files, concurrency 1, 128 MiB hashed once: a smoke check of about a minute;
                                             docs/benchmarks.md untouched
                  --write-docs / --no-docs   update docs/benchmarks.md or not (default: full runs do, --quick does not)
                  --jfr                      record a JFR profile of the store during its uploads and downloads (first level)
                  --size-mib N               size of every file (64)
                  --files N                  distinct files per transfer phase and concurrency level (10)
                  --warmup N                 unmeasured transfers of each kind before the first level (3)
                  --concurrency 1,2          concurrency levels, each a full set of transfer phases (1,2)
                  --no-multipart             leave out the multipart baseline PUT
                  --hash-mib N               bytes hashed per repeat in the hashing phase (256), --hash-repeats N (3)
                  --phases a,b               run only these of transfer,hash (both)""";
    }
}
