package dev.dispatcher.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@code ./dispatcher bench store}: one run against one S3 server (S3Proxy), one Kafka broker and one
 * dispatcher-store that {@code ./dispatcher} started for it (issue 5). Per concurrency level, with the same
 * distinct 64 MiB files: a direct AWS SDK PUT (and a multipart PUT) beside the store's upload with full
 * metadata, a direct SDK GET beside the store's download; then, in a JVM of its own, the store's single-pass
 * hashing beside each digest computed separately ({@link HashBench}). A harness, not a test: it measures and
 * reports, it asserts nothing, and every loop is bounded in count.
 */
public final class StoreBench {

    private static final int IO_BUFFER = 256 * 1024;
    /** A warm-up round whose store compiled for at most this share of the round's time counts as settled. */
    private static final double JIT_SETTLED_SHARE = 0.05;
    private static final Pattern SHA256 = Pattern.compile("\"sha256\"\\s*:\\s*\"([0-9a-f]{64})\"");
    private static final Pattern SIZE = Pattern.compile("\"size\"\\s*:\\s*(\\d+)");
    private static final List<String> FULL_METADATA = List.of("sha256", "sha512", "sha1", "md5", "ssdeep", "tlsh", "mime",
            "magic", "file_format");
    private static final Pattern OPERATION_LINE = Pattern.compile(
            "^dispatcher_data_operation_seconds_(sum|count)\\{([^}]*)}\\s+(\\S+)");
    private static final Pattern OPERATION_TAG = Pattern.compile("operation=\"([^\"]+)\"");

    private final StoreOptions o;
    private final StoreResults results = new StoreResults();
    private final Cpu cpu;
    private final Path toolsLog;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final S3Client s3;
    private final byte[] base;
    private final byte[][] buffers;
    private final byte[][] readBuffers;
    private final long nonce = System.currentTimeMillis();
    private final AtomicLong fileNumbers = new AtomicLong();
    /** Metadata fields found missing in an answer, each reported once. */
    private final java.util.Set<String> metadataWarnings = ConcurrentHashMap.newKeySet();

    private StoreBench(StoreOptions o) {
        this.o = o;
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put("store", o.storePid);
        pids.put("s3proxy", o.s3Pid);
        pids.put("broker", o.kafkaPid);
        pids.put("harness", ProcessHandle.current().pid());
        this.cpu = new Cpu(pids);
        this.toolsLog = o.work.resolve("logs/bench-tools.log");
        // The store's S3Backend client, setting for setting: same SDK, default (Apache) HTTP client, no SDK checksums.
        this.s3 = S3Client.builder()
                .endpointOverride(o.s3)
                .region(Region.of(o.region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(o.accessKey, o.secretKey)))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofMinutes(5)))
                .build();
        this.base = new byte[Math.toIntExact(o.size())];
        new SplittableRandom(nonce).nextBytes(base);
        int workers = Collections.max(o.concurrency);
        this.buffers = new byte[workers][];
        this.readBuffers = new byte[workers][];
        for (int w = 0; w < workers; w++) {
            buffers[w] = base.clone();
            readBuffers[w] = new byte[IO_BUFFER];
        }
    }

    public static void main(String[] args) throws Exception {
        Tools.launch(args, StoreOptions.usage(), StoreOptions::parse, o -> o.work, o -> new StoreBench(o).run());
    }

    private int run() throws Exception {
        long started = System.nanoTime();
        results.date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        results.mode = o.quick ? "quick (smoke check; few files, not representative)" : "full";
        Tools.say("store benchmark, " + results.mode + "; work folder " + o.work);
        if (o.kafkaLib != null) {
            results.machine = Machine.describe(cpu, toolsLog, o.kafkaLib);
            results.machine.computeIfPresent("load at start", (k, v) -> v.replace("outside the broker and api",
                    "outside the store, S3Proxy and broker"));
            results.machine.computeIfPresent("kafka", (k, v) -> v.replace("broker and perf tools", "broker"));
        }
        results.machine.put("s3 server", s3proxyVersion() + ", filesystem backend (filesystem-nio2) in the run's temp folder, " + o.s3);
        if (o.buildInfo != null) {
            results.machine.put("measured build", o.buildInfo);
        }
        results.machine.forEach((k, v) -> Tools.say("  " + k + ": " + v));

        if (o.phases.contains("transfer")) {
            ensureBucket();
            phase("warm-up (" + o.warmup + " unmeasured transfers of each kind)", this::warmUp);
            for (int c : o.concurrency) {
                phase("transfers, concurrency " + c, () -> transfers(c));
            }
        }
        if (o.phases.contains("hash")) {
            phase("hashing", this::hashing);
        }
        results.minutes = (System.nanoTime() - started) / 60e9;

        StoreReport report = new StoreReport(results, o);
        Tools.say("");
        report.console().lines().forEach(Tools::say);
        Path copy = o.work.resolve("benchmarks-store.md");
        Files.writeString(copy, report.markdownBlock(), StandardCharsets.UTF_8);
        Tools.say("");
        Tools.say("results also in " + copy);
        if (o.writeDocs && o.docs != null) {
            report.updateDocs(o.docs);
            Tools.say("updated " + o.docs);
        } else if (o.docs != null) {
            Tools.say(o.docs + " not updated (" + (o.quick ? "--quick" : "--no-docs") + "; --write-docs to update it)");
        }
        s3.close();
        return results.problems.isEmpty() ? 0 : 1;
    }

    private interface Phase {
        void run() throws Exception;
    }

    private void phase(String name, Phase phase) {
        Tools.say("");
        Tools.say("== " + name);
        try {
            phase.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            results.problems.add(name + ": interrupted");
        } catch (Exception e) {
            results.problems.add(name + ": " + e);
            Tools.say("   FAILED: " + e);
        }
    }

    private void ensureBucket() {
        try {
            s3.headBucket(b -> b.bucket(o.bucket));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            s3.createBucket(b -> b.bucket(o.bucket));
        }
    }

    // ----------------------------------------------------------------------------------------------
    // Transfers.

    /** One transfer of one file by one worker; returns the bytes moved. */
    private interface Job {
        long run(int worker, int file) throws Exception;
    }

    /** {@code files} transfers by {@code c} workers taking the next file number; wall time from the first start to the last end. */
    private StoreResults.Transfer measure(String kind, int c, int files, Job job) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        List<Double> millis = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(c);
        long started = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < c; w++) {
                int worker = w;
                running.add(pool.submit(() -> {
                    int file;
                    while ((file = next.getAndIncrement()) < files) {
                        long t = System.nanoTime();
                        try {
                            bytes.addAndGet(job.run(worker, file));
                            millis.add((System.nanoTime() - t) / 1e6);
                        } catch (Exception e) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, e.toString());
                        }
                    }
                }));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, e.getCause().toString());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        return new StoreResults.Transfer(kind, c, files, bytes.get(), seconds,
                sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2),
                sorted.isEmpty() ? Double.NaN : sorted.getLast(), errors.get(), firstError.get());
    }

    /** The worker's buffer, made a file of its own: the run's nonce and a new file number in its first 16 bytes. */
    private byte[] nextFile(int worker) {
        byte[] b = buffers[worker];
        long number = fileNumbers.incrementAndGet();
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (nonce >>> (8 * i));
            b[8 + i] = (byte) (number >>> (8 * i));
        }
        return b;
    }

    private void warmUp() throws Exception {
        int n = o.warmup;
        if (n <= 0) {
            return;
        }
        List<String> keys = Collections.synchronizedList(new ArrayList<>());
        List<String> shas = Collections.synchronizedList(new ArrayList<>());
        String prefix = "warmup/" + nonce + "/";
        report("warm-up SDK PUT", measure("sdk-put", 1, n, (w, f) -> sdkPut(w, prefix + f, keys)));
        if (o.multipart) {
            report("warm-up SDK multipart PUT", measure("sdk-mpu", 1, n, (w, f) -> sdkMultipart(w, prefix + "mp-" + f, keys)));
        }
        report("warm-up store upload", measure("store-post", 1, n, (w, f) -> storeUpload(w, shas)));
        report("warm-up SDK GET", measure("sdk-get", 1, n, (w, f) -> sdkGet(w, keys.get(f))));
        report("warm-up store GET", measure("store-get", 1, n, (w, f) -> storeGet(w, shas.get(f))));
        List<String> uploaded = new ArrayList<>(shas);
        settle("store upload", o.quick ? 10 : 90, () -> measure("store-post", 1, 1, (w, f) -> storeUpload(w, shas)));
        settle("store GET", o.quick ? 10 : 60, () -> measure("store-get", 1, 6,
                (w, f) -> storeGet(w, uploaded.get(f % uploaded.size()))));
        cleanUp(keys, shas);
    }

    /**
     * Repeats a warm-up round until the store's JIT has settled: a round during which it compiled for at most
     * {@value #JIT_SETTLED_SHARE} of the round's time (the store's {@code jvm_compilation_time_ms_total}), or
     * {@code maxSeconds}. A few transfers do not get the loops of a 64 MiB copy past C2's thresholds: without this, the store
     * compiled for about a second inside a measured GET phase of two.
     */
    private void settle(String what, int maxSeconds, Callable<StoreResults.Transfer> round) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(maxSeconds).toNanos();
        StringBuilder rounds = new StringBuilder();
        while (true) {
            double before = compileMillis();
            StoreResults.Transfer t = round.call();
            double compiled = compileMillis() - before;
            rounds.append(rounds.isEmpty() ? "" : ", ").append(String.format("%.0f", compiled));
            boolean settled = !(compiled > JIT_SETTLED_SHARE * t.seconds() * 1000); // NaN (no metric): one round
            if (t.errors() > 0 || settled || System.nanoTime() > until) {
                Tools.say("   warm-up " + what + " until the JIT settles, store JIT ms per round: " + rounds
                        + (t.errors() > 0 ? " (FAILED: " + t.firstError() + ")" : settled ? " (settled)" : " (time limit)"));
                return;
            }
        }
    }

    private void transfers(int c) throws Exception {
        int n = o.files;
        List<String> keys = Collections.synchronizedList(new ArrayList<>());
        List<String> mpKeys = Collections.synchronizedList(new ArrayList<>());
        List<String> shas = Collections.synchronizedList(new ArrayList<>());
        String prefix = "baseline/" + nonce + "/c" + c + "/";
        Tools.say("   " + n + " distinct files of " + o.sizeMib + " MiB, " + c + " at a time");
        timed("c=" + c + " SDK PUT", () -> results.add(report("SDK putObject", measure("sdk-put", c, n,
                (w, f) -> sdkPut(w, prefix + f, keys)))));
        if (o.multipart) {
            timed("c=" + c + " SDK multipart PUT", () -> results.add(report("SDK multipart PUT", measure("sdk-mpu", c, n,
                    (w, f) -> sdkMultipart(w, prefix + "mp-" + f, mpKeys)))));
        }
        boolean profile = o.jfr && c == o.concurrency.getFirst();
        Map<String, double[]> opsBefore = operations();
        String jfr = profile ? startJfr("upload") : null;
        timed("c=" + c + " store upload", () -> results.add(report("store upload, full metadata", measure("store-post", c, n,
                (w, f) -> storeUpload(w, shas)))));
        stopJfr(jfr);
        results.operations.put("c=" + c + " upload", delta(opsBefore, operations()));
        if (new HashSet<>(shas).size() != shas.size()) {
            results.problems.add("c=" + c + ": the store answered the same sha256 twice; files were not distinct");
        }
        timed("c=" + c + " SDK GET", () -> results.add(report("SDK getObject", measure("sdk-get", c, n,
                (w, f) -> sdkGet(w, keys.get(f))))));
        // The measured uploads just before made the store compile its GET path again (0.5-1 s of JIT inside
        // the measured GETs, after the warm-up had settled it): a few unmeasured GETs of these files first.
        settle("store GET", o.quick ? 10 : 30, () -> measure("store-get", c, Math.min(shas.size(), 6),
                (w, f) -> storeGet(w, shas.get(f))));
        opsBefore = operations();
        jfr = profile ? startJfr("download") : null;
        timed("c=" + c + " store GET", () -> results.add(report("store GET", measure("store-get", c, n,
                (w, f) -> storeGet(w, shas.get(f))))));
        stopJfr(jfr);
        results.operations.put("c=" + c + " download", delta(opsBefore, operations()));
        Map<String, Double> up = results.operations.get("c=" + c + " upload");
        Tools.say("   store's own timing of an upload, mean ms: " + describeOps(up));
        List<String> all = new ArrayList<>(keys);
        all.addAll(mpKeys);
        cleanUp(all, shas);
    }

    private void timed(String name, Phase phase) throws Exception {
        double jitBefore = compileMillis();
        Cpu.Snapshot before = cpu.snapshot();
        phase.run();
        Cpu.Share share = cpu.between(before, cpu.snapshot());
        results.cpu.put(name, share);
        Tools.say(String.format("      cpu: %s; store JIT %.0f ms", share.describe(), compileMillis() - jitBefore));
    }

    private StoreResults.Transfer report(String what, StoreResults.Transfer t) {
        Tools.say(String.format("   %-28s %6.1f MB/s  (%d files, %.1f s, median %.0f ms, max %.0f ms per file%s)", what,
                t.mbPerSec(), t.files(), t.seconds(), t.medianMs(), t.maxMs(),
                t.errors() == 0 ? "" : ", " + t.errors() + " FAILED: " + t.firstError()));
        if (t.errors() > 0) {
            results.problems.add(what + " (c=" + t.concurrency() + "): " + t.errors() + " failed, first: " + t.firstError());
        }
        return t;
    }

    private long sdkPut(int worker, String key, List<String> keys) {
        byte[] b = nextFile(worker);
        // Streams the array itself (no copy), as often as the SDK asks (signing reads it once over plain HTTP).
        s3.putObject(r -> r.bucket(o.bucket).key(key).contentLength((long) b.length).contentType("application/octet-stream"),
                RequestBody.fromContentProvider(() -> new ByteArrayInputStream(b), b.length, "application/octet-stream"));
        keys.add(key);
        return b.length;
    }

    /** As the store's S3Backend does above its threshold: 16 MiB parts, one after another. */
    private long sdkMultipart(int worker, String key, List<String> keys) {
        byte[] b = nextFile(worker);
        int part = 16 * 1024 * 1024;
        String upload = s3.createMultipartUpload(r -> r.bucket(o.bucket).key(key).contentType("application/octet-stream")).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        for (int number = 1, off = 0; off < b.length; number++, off += part) {
            int from = off;
            int len = Math.min(part, b.length - off);
            int n = number;
            String etag = s3.uploadPart(r -> r.bucket(o.bucket).key(key).uploadId(upload).partNumber(n).contentLength((long) len),
                    RequestBody.fromContentProvider(() -> new ByteArrayInputStream(b, from, len), len, "application/octet-stream")).eTag();
            parts.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
        }
        s3.completeMultipartUpload(r -> r.bucket(o.bucket).key(key).uploadId(upload)
                .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
        keys.add(key);
        return b.length;
    }

    private long sdkGet(int worker, String key) throws IOException {
        try (InputStream in = s3.getObject(r -> r.bucket(o.bucket).key(key))) {
            return drain(in, worker, o.size());
        }
    }

    private long storeUpload(int worker, List<String> shas) throws Exception {
        byte[] b = nextFile(worker);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(o.store.resolve("/api/v3/stream/" + o.source + "/" + o.label))
                        .timeout(Duration.ofMinutes(5)).header("User-Agent", "dispatcher-bench")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(b)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + r.statusCode() + ": " + head(r.body()));
        }
        Matcher sha = SHA256.matcher(r.body());
        Matcher size = SIZE.matcher(r.body());
        if (!sha.find() || !size.find() || Long.parseLong(size.group(1)) != b.length) {
            throw new IllegalStateException("unexpected answer: " + head(r.body()));
        }
        for (String field : FULL_METADATA) {
            if (!r.body().contains("\"" + field + "\"") && metadataWarnings.add(field)) {
                results.problems.add("the store's answer has no '" + field + "': " + head(r.body()));
            }
        }
        results.sampleAnswer = r.body();
        shas.add(sha.group(1));
        return b.length;
    }

    /**
     * HttpURLConnection (keep-alive, streamed) rather than the JDK HttpClient: on these 2 cores the HttpClient's
     * body pipeline took most of a core of the harness for a download, enough to cap the store's figure.
     */
    private long storeGet(int worker, String sha256) throws Exception {
        java.net.HttpURLConnection c = (java.net.HttpURLConnection) o.store
                .resolve("/api/v3/stream/" + o.source + "/" + o.label + "/" + sha256).toURL().openConnection();
        c.setConnectTimeout(5000);
        c.setReadTimeout(300_000);
        int status = c.getResponseCode();
        if (status != 200) {
            InputStream err = c.getErrorStream();
            String body = err == null ? "" : new String(err.readNBytes(2000), StandardCharsets.UTF_8);
            throw new IllegalStateException("HTTP " + status + ": " + head(body));
        }
        try (InputStream in = c.getInputStream()) {
            return drain(in, worker, o.size());
        }
    }

    private long drain(InputStream in, int worker, long expected) throws IOException {
        byte[] buf = readBuffers[worker];
        long n = 0;
        int r;
        while ((r = in.read(buf)) >= 0) {
            n += r;
        }
        if (n != expected) {
            throw new IOException("read " + n + " bytes, expected " + expected);
        }
        return n;
    }

    private void cleanUp(List<String> keys, List<String> shas) {
        for (String key : keys) {
            deleteQuietly(key);
        }
        for (String sha : shas) {
            deleteQuietly(o.source + "/" + o.label + "/" + sha);
        }
    }

    private void deleteQuietly(String key) {
        try {
            s3.deleteObject(r -> r.bucket(o.bucket).key(key));
        } catch (RuntimeException e) {
            Tools.say("   (could not delete " + key + ": " + e + ")");
        }
    }

    // ----------------------------------------------------------------------------------------------
    // The store's own timers (dispatcher_data_operation_seconds), summed over results, per operation.

    private Map<String, double[]> operations() {
        Map<String, double[]> ops = new LinkedHashMap<>();
        try {
            for (String line : storeMetrics().split("\n")) {
                Matcher m = OPERATION_LINE.matcher(line);
                if (!m.find()) {
                    continue;
                }
                Matcher op = OPERATION_TAG.matcher(m.group(2));
                if (!op.find()) {
                    continue;
                }
                double[] v = ops.computeIfAbsent(op.group(1), k -> new double[2]);
                v[m.group(1).equals("sum") ? 0 : 1] += Double.parseDouble(m.group(3));
            }
        } catch (IOException | RuntimeException e) {
            Tools.say("   (no /metrics from the store: " + e + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ops;
    }

    /** The store's accumulated JIT compile time ({@code jvm_compilation_time_ms_total}), NaN when not read. */
    private double compileMillis() {
        try {
            for (String line : storeMetrics().split("\n")) {
                if (line.startsWith("jvm_compilation_time_ms_total")) {
                    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        } catch (IOException | RuntimeException e) {
            Tools.say("   (no /metrics from the store: " + e + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Double.NaN;
    }

    private String storeMetrics() throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(o.store.resolve("/metrics")).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Mean milliseconds per operation between two scrapes (operations that ran in between only). */
    private static Map<String, Double> delta(Map<String, double[]> a, Map<String, double[]> b) {
        Map<String, Double> mean = new LinkedHashMap<>();
        b.forEach((op, v) -> {
            double[] before = a.getOrDefault(op, new double[2]);
            double count = v[1] - before[1];
            if (count > 0) {
                mean.put(op, (v[0] - before[0]) / count * 1000);
            }
        });
        return mean;
    }

    static String describeOps(Map<String, Double> ops) {
        if (ops == null || ops.isEmpty()) {
            return "(none)";
        }
        StringBuilder s = new StringBuilder();
        ops.forEach((op, ms) -> s.append(s.isEmpty() ? "" : ", ").append(op).append(' ').append(String.format("%.0f", ms)));
        return s.toString();
    }

    // ----------------------------------------------------------------------------------------------
    // Hashing, in a JVM of its own on the store's classpath.

    private static final Pattern HASH_LINE = Pattern.compile("^HASH\t([^\t]+)\t([^\t]+)\t(\\d+)\t(\\d+)\t(\\S+)");

    private void hashing() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Tools.jdkTool("java"), "-Xmx512m", "-XX:+UseG1GC",
                "--enable-native-access=ALL-UNNAMED"));
        Path bench = o.benchJar != null ? o.benchJar : Path.of(StoreBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (o.storeJar != null && Files.isRegularFile(o.storeJar)) {
            cmd.addAll(List.of("-Dloader.path=" + bench.toAbsolutePath(), "-Dloader.main=" + HashBench.class.getName(),
                    "-cp", o.storeJar.toAbsolutePath().toString(), "org.springframework.boot.loader.launch.PropertiesLauncher"));
        } else {
            results.problems.add("hashing: no store jar (--store-jar); the store's Digests, ssdeep and TLSH not measured");
            cmd.addAll(List.of("-cp", bench.toAbsolutePath().toString(), HashBench.class.getName()));
        }
        cmd.addAll(List.of("--mib", Integer.toString(o.hashMib), "--repeats", Integer.toString(o.hashRepeats)));
        Tools.say("   " + o.hashMib + " MiB per variant, " + o.hashRepeats + " repeat(s), median; one core; nothing else runs meanwhile");
        Cpu.Snapshot before = cpu.snapshot();
        Tools.Result r = Tools.run(toolsLog, Duration.ofMinutes(20), cmd);
        results.cpu.put("hashing (own JVM)", cpu.between(before, cpu.snapshot()));
        for (String line : r.lines()) {
            if (line.startsWith("INFO ")) {
                results.hashInfo = line.substring(5);
                Tools.say("   " + results.hashInfo);
            }
            Matcher m = HASH_LINE.matcher(line);
            if (m.find()) {
                StoreResults.Hash h = new StoreResults.Hash(m.group(1), m.group(2), Long.parseLong(m.group(3)), Long.parseLong(m.group(4)));
                results.hashes.put(h.key(), h);
                Tools.say(String.format("   %-70s %7.1f MB/s", h.label(), h.mbPerSec()));
            }
        }
        if (r.exitCode() != 0 || results.hashes.isEmpty()) {
            throw new IllegalStateException("the hashing JVM failed (exit " + r.exitCode() + "):\n" + r.tail(15));
        }
    }

    // ----------------------------------------------------------------------------------------------
    // Profiling (--jfr): where the store's CPU goes.

    private String startJfr(String name) throws IOException, InterruptedException {
        Path file = o.work.resolve("store-" + name + ".jfr");
        Tools.run(toolsLog, Duration.ofSeconds(30), Tools.jdkTool("jcmd"), Long.toString(o.storePid), "JFR.start",
                "name=bench-" + name, "settings=profile", "filename=" + file);
        return name;
    }

    private void stopJfr(String name) throws IOException, InterruptedException {
        if (name == null) {
            return;
        }
        Path file = o.work.resolve("store-" + name + ".jfr");
        Tools.run(toolsLog, Duration.ofSeconds(60), Tools.jdkTool("jcmd"), Long.toString(o.storePid), "JFR.stop",
                "name=bench-" + name);
        Path out = o.work.resolve("store-" + name + "-views.txt");
        List<String> lines = new ArrayList<>();
        for (String view : List.of("hot-methods", "thread-cpu-load", "gc-pauses")) {
            Tools.Result r = Tools.run(toolsLog, Duration.ofSeconds(120), Tools.jdkTool("jfr"), "view", "--width", "200",
                    view, file.toString());
            lines.addAll(r.lines());
            lines.add("");
        }
        Files.write(out, lines);
        Tools.say("   JFR profile of the store: " + file + " (summary views: " + out + ")");
    }

    private String s3proxyVersion() {
        return "S3Proxy" + (o.s3Pid > 0 ? " (pid " + o.s3Pid + ")" : "");
    }

    static String head(String body) {
        String s = body.replaceAll("\\s+", " ");
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
