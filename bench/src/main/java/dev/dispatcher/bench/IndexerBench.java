package dev.dispatcher.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code ./dispatcher bench indexer} (issue 6): one run against one Kafka broker and one OpenSearch node that
 * {@code ./dispatcher} started for it. (1) preload N {@code bulk1} messages (one action + one ~500-byte document
 * each) into a topic of P partitions; (2) a plain {@code _bulk} loader: the same NDJSON, generated identically,
 * {@code --batch} documents per request, {@code --instances} requests in flight, into {@code bench-baseline};
 * (3) dispatcher-indexer, started here after the preload with its Arkime bulk-passthrough pipeline on the topic,
 * into {@code bench}, with its heap sampled from {@code /metrics}. A harness, not a test: it measures and reports.
 */
public final class IndexerBench {

    static final String BASELINE_INDEX = "bench-baseline";
    static final String INDEX = "bench";
    static final String AFTER_INDEX = "bench-baseline-after";
    static final String WARMUP_INDEX = "bench-warmup";

    final IndexerOptions o;
    final IndexerResults results = new IndexerResults();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Path toolsLog;
    private Process indexer;

    private IndexerBench(IndexerOptions o) {
        this.o = o;
        this.toolsLog = o.work.resolve("logs/bench-tools.log");
    }

    public static void main(String[] args) throws Exception {
        Tools.launch(args, IndexerOptions.usage(), IndexerOptions::parse, o -> o.work, o -> {
            IndexerBench bench = new IndexerBench(o);
            Runtime.getRuntime().addShutdownHook(new Thread(bench::stopIndexer, "bench-indexer-cleanup"));
            return bench.run();
        });
    }

    private int run() throws Exception {
        long started = System.nanoTime();
        results.date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        results.mode = o.quick ? "quick (smoke check; " + o.docs + " documents, not representative)" : "full";
        Tools.say("indexer benchmark, " + results.mode + "; work folder " + o.work);
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put("opensearch", o.opensearchPid);
        pids.put("broker", o.kafkaPid);
        pids.put("harness", ProcessHandle.current().pid());
        Cpu cpu = new Cpu(pids);
        if (o.kafkaLib != null) {
            results.machine = Machine.describe(cpu, toolsLog, o.kafkaLib);
            results.machine.computeIfPresent("load at start", (k, v) -> v.replace("outside the broker and api",
                    "outside OpenSearch and the broker"));
            results.machine.computeIfPresent("kafka", (k, v) -> v.replace("broker and perf tools", "broker and the harness's producer"));
        }
        results.machine.put("opensearch", openSearchVersion() + ", one node, -Xmx512m (as `up`), " + o.opensearch);
        if (o.buildInfo != null) {
            results.machine.put("measured build", o.buildInfo);
        }
        results.machine.forEach((k, v) -> Tools.say("  " + k + ": " + v));
        results.settings = String.format("%,d documents (%d-byte documents, %d-byte messages), topic '%s' with %d partitions, "
                + "batch %d documents (BULKER_MAX_MESSAGES), parallelism %d (ELASTIC_INDEXER_INSTANCES), BULKER_MAX_BYTES %s, "
                + "BULKER_FLUSH_INTERVAL %s, indexer heap %s", o.docs, Documents.document(0).length,
                Documents.message(INDEX, 0).length, o.topic, o.partitions, o.batch, o.instances, o.maxBytes, o.flushInterval,
                o.indexerHeap);
        Tools.say("  settings: " + results.settings);

        createIndex(WARMUP_INDEX);
        createIndex(BASELINE_INDEX);
        createIndex(INDEX);
        createIndex(AFTER_INDEX);
        phase("preload: " + o.docs + " messages into " + o.topic, () -> {
            Cpu.Snapshot a = cpu.snapshot();
            preload();
            results.preloadCpu = cpu.between(a, cpu.snapshot());
        });
        long warm = Math.min(o.docs, o.warmupDocs);
        phase("warm-up: " + warm + " documents by the loader into " + WARMUP_INDEX + " (not measured, deleted)", () -> {
            double seconds = load(WARMUP_INDEX, warm);
            Tools.say(String.format("   %,d documents in %.1f s: %,.0f docs/s", warm, seconds, warm / seconds));
            request("DELETE", "/" + WARMUP_INDEX, null);
        });
        phase("baseline: plain _bulk loader into " + BASELINE_INDEX, () -> {
            Cpu.Snapshot a = cpu.snapshot();
            results.baselineSeconds = baseline(BASELINE_INDEX);
            results.baselineCpu = cpu.between(a, cpu.snapshot());
        });
        if (results.problems.isEmpty()) {
            phase("dispatcher-indexer: " + o.topic + " into " + INDEX, this::indexer);
        }
        if (results.problems.isEmpty() && o.after) {
            phase("baseline again, after the indexer: plain _bulk loader into " + AFTER_INDEX, () -> {
                Cpu.Snapshot a = cpu.snapshot();
                results.afterSeconds = baseline(AFTER_INDEX);
                results.afterCpu = cpu.between(a, cpu.snapshot());
            });
        }
        results.minutes = (System.nanoTime() - started) / 60e9;

        IndexerReport report = new IndexerReport(results, o);
        Tools.say("");
        report.console().lines().forEach(Tools::say);
        Path copy = o.work.resolve("benchmarks-indexer.md");
        Files.writeString(copy, report.markdownBlock(), StandardCharsets.UTF_8);
        Tools.say("");
        Tools.say("results also in " + copy);
        if (o.writeDocs && o.docsFile != null && results.problems.isEmpty()) {
            report.updateDocs(o.docsFile);
            Tools.say("updated " + o.docsFile);
        } else if (o.docsFile != null) {
            Tools.say(o.docsFile + " not updated (" + (!results.problems.isEmpty() ? "problems" : o.quick ? "--quick" : "--no-docs")
                    + "; --write-docs to update it)");
        }
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

    // ----------------------------------------------------------------------------------------------
    // OpenSearch.

    private HttpResponse<String> request(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(o.opensearch.resolve(path)).timeout(Duration.ofMinutes(2));
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String openSearchVersion() {
        try {
            Matcher m = Pattern.compile("\"number\"\\s*:\\s*\"([^\"]+)\"").matcher(request("GET", "/", null).body());
            return m.find() ? "OpenSearch " + m.group(1) : "OpenSearch ?";
        } catch (Exception e) {
            return "OpenSearch ?";
        }
    }

    /** Both indices alike: one shard, no replica (one node), default refresh. */
    private void createIndex(String name) throws IOException, InterruptedException {
        HttpResponse<String> r = request("PUT", "/" + name,
                "{\"settings\":{\"index\":{\"number_of_shards\":1,\"number_of_replicas\":0}}}");
        if (r.statusCode() != 200 && !r.body().contains("resource_already_exists")) {
            throw new IOException("creating index " + name + ": HTTP " + r.statusCode() + " " + r.body());
        }
    }

    long count(String index) throws IOException, InterruptedException {
        request("POST", "/" + index + "/_refresh", null);
        Matcher m = Pattern.compile("\"count\"\\s*:\\s*(\\d+)").matcher(request("GET", "/" + index + "/_count", null).body());
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    // ----------------------------------------------------------------------------------------------
    // Preload.

    private void preload() throws Exception {
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, o.bootstrap);
        try (Admin a = Admin.create(admin)) {
            a.createTopics(List.of(new NewTopic(o.topic, o.partitions, (short) 1))).all().get(60, TimeUnit.SECONDS);
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, o.bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "1");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 * 1024));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(128L * 1024 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        AtomicReference<Exception> failed = new AtomicReference<>();
        AtomicLong bytes = new AtomicLong();
        long t0 = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (long n = 0; n < o.docs && failed.get() == null; n++) {
                byte[] value = Documents.message(INDEX, n);
                bytes.addAndGet(value.length);
                producer.send(new ProducerRecord<>(o.topic, (int) (n % o.partitions), null, value), (md, e) -> {
                    if (e != null) {
                        failed.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (failed.get() != null) {
            throw failed.get();
        }
        results.preloadSeconds = seconds;
        results.preloadBytes = bytes.get();
        Tools.say(String.format("   %,d messages, %.1f MB in %.1f s: %,.0f msg/s, %.1f MB/s (lz4, linger 20 ms, acks=1)",
                o.docs, bytes.get() / 1e6, seconds, o.docs / seconds, bytes.get() / 1e6 / seconds));
    }

    // ----------------------------------------------------------------------------------------------
    // Baseline.

    private double baseline(String index) throws Exception {
        double seconds = load(index, o.docs);
        long count = count(index);
        if (index.equals(BASELINE_INDEX)) {
            results.baselineCount = count;
        } else {
            results.afterCount = count;
        }
        Tools.say(String.format("   %,d documents in %.1f s: %,.0f docs/s; _count %,d", o.docs, seconds, o.docs / seconds, count));
        if (count != o.docs) {
            results.problems.add(index + ": _count " + count + " of " + o.docs);
        }
        return seconds;
    }

    /** Documents 0..docs-1 into the index, {@code batch} per _bulk, {@code instances} requests in flight; seconds taken. */
    private double load(String index, long docs) throws Exception {
        long batches = (docs + o.batch - 1) / o.batch;
        AtomicLong next = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(o.instances);
        long t0 = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < o.instances; w++) {
                running.add(pool.submit(() -> {
                    ByteArrayOutputStream body = new ByteArrayOutputStream(o.batch * 700);
                    long k;
                    while ((k = next.getAndIncrement()) < batches) {
                        body.reset();
                        long end = Math.min(docs, (k + 1) * o.batch);
                        for (long n = k * o.batch; n < end; n++) {
                            body.writeBytes(Documents.message(index, n));
                        }
                        try {
                            bulk(body.toByteArray());
                        } catch (Exception e) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, e.toString());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (errors.get() > 0) {
            throw new IOException(errors.get() + " failed _bulk requests into " + index + ", first: " + firstError.get());
        }
        return seconds;
    }

    /** One {@code _bulk}, retried on 429 as any loader would; an item error is a failure. */
    private void bulk(byte[] body) throws IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            HttpRequest req = HttpRequest.newBuilder(o.opensearch.resolve("/_bulk")).timeout(Duration.ofMinutes(2))
                    .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            String head = r.body().length() > 200 ? r.body().substring(0, 200) : r.body();
            boolean retry = r.statusCode() == 429 || (r.statusCode() == 200 && head.contains("\"errors\":true")
                    && r.body().contains("\"status\":429"));
            if (retry && attempt < 20) {
                results.baselineRetries.incrementAndGet();
                Thread.sleep(200L << Math.min(attempt, 4));
                continue;
            }
            if (r.statusCode() != 200 || head.contains("\"errors\":true")) {
                throw new IOException("_bulk HTTP " + r.statusCode() + ": " + head);
            }
            return;
        }
    }

    // ----------------------------------------------------------------------------------------------
    // The indexer.

    private void indexer() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Tools.jdkTool("java"), "-Xmx" + o.indexerHeap,
                "--enable-native-access=ALL-UNNAMED", "-jar", o.indexerJar.toAbsolutePath().toString(),
                "--server.port=" + o.indexerPort, "--dispatcher.indexer.events.enabled=false"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(o.work.resolve("logs/indexer.log").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .directory(Files.createDirectories(o.work.resolve("indexer")).toFile());
        Map<String, String> env = pb.environment();
        env.put("KAFKA_CONSUMER_TOPIC", o.topic);
        env.put("KAFKA_CONSUMER_GROUP_NAME", "bench-indexer-" + System.currentTimeMillis());
        env.put("ELASTIC_SERVICE", o.opensearch.getHost());
        env.put("ELASTIC_SERVICE_PORT", Integer.toString(o.opensearch.getPort()));
        env.put("BULKER_MAX_MESSAGES", Integer.toString(o.batch));
        env.put("BULKER_MAX_BYTES", o.maxBytes);
        env.put("BULKER_FLUSH_INTERVAL", o.flushInterval);
        env.put("ELASTIC_INDEXER_INSTANCES", Integer.toString(o.instances));
        env.put("DISPATCHER_KAFKA_ENDPOINT", o.bootstrap);
        env.put("DISPATCHER_SOURCES_HELM", "{bench: {}}");
        env.put("LOGGING_STRUCTURED_FORMAT_CONSOLE", "");
        results.indexerCommand = "env KAFKA_CONSUMER_TOPIC=" + o.topic + " KAFKA_CONSUMER_GROUP_NAME=bench-indexer-<ms> "
                + "ELASTIC_SERVICE=" + o.opensearch.getHost() + " ELASTIC_SERVICE_PORT=" + o.opensearch.getPort()
                + " BULKER_MAX_MESSAGES=" + o.batch + " BULKER_MAX_BYTES=" + o.maxBytes + " BULKER_FLUSH_INTERVAL="
                + o.flushInterval + " ELASTIC_INDEXER_INSTANCES=" + o.instances + " DISPATCHER_KAFKA_ENDPOINT=" + o.bootstrap
                + " DISPATCHER_SOURCES_HELM='{bench: {}}' java -Xmx" + o.indexerHeap + " -jar dispatcher-indexer.jar"
                + " --server.port=" + o.indexerPort + " --dispatcher.indexer.events.enabled=false";
        long t0 = System.nanoTime();
        indexer = pb.start();
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put("indexer", indexer.pid());
        pids.put("opensearch", o.opensearchPid);
        pids.put("broker", o.kafkaPid);
        pids.put("harness", ProcessHandle.current().pid());
        Cpu cpu = new Cpu(pids);
        URI metrics = URI.create("http://127.0.0.1:" + o.indexerPort + "/metrics");
        long deadline = System.nanoTime() + o.timeout.toNanos();
        double firstAt = -1;
        double doneAt = -1;
        double readyAt = -1;
        Cpu.Snapshot cpuStart = null;
        long lastIndexed = 0;
        double lastProgress = 0;
        double lastPrint = 0;
        while (System.nanoTime() < deadline) {
            if (!indexer.isAlive()) {
                throw new IOException("dispatcher-indexer exited with " + indexer.exitValue() + " (see logs/indexer.log)");
            }
            Metrics m = Metrics.scrape(http, metrics);
            double now = (System.nanoTime() - t0) / 1e9;
            if (m != null) {
                if (readyAt < 0) {
                    readyAt = now;
                    Tools.say(String.format("   /metrics answers %.1f s after start", now));
                }
                results.heap.add(new IndexerResults.Sample(now, m.indexed(), m.heapUsed(), m.lag()));
                // Start of consumption: the first scrape with a lag (the consumer has its partitions and positions) or a document in.
                if ((m.indexed() > 0 || m.lag() > 0) && firstAt < 0) {
                    firstAt = now;
                    cpuStart = cpu.snapshot();
                    Tools.say(String.format("   consumption started %.1f s after start (lag %,d, %,d indexed)", now, m.lag(), m.indexed()));
                }
                if (m.indexed() > lastIndexed) {
                    lastIndexed = m.indexed();
                    lastProgress = now;
                }
                if (now - lastPrint >= 5) {
                    lastPrint = now;
                    Tools.say(String.format("   %5.1f s: %,d indexed, lag %,d, heap %.0f MB", now, m.indexed(), m.lag(),
                            m.heapUsed() / 1e6));
                }
                if (m.indexed() >= o.docs) {
                    doneAt = now;
                    results.indexerMetrics = m;
                    break;
                }
                if (firstAt > 0 && now - lastProgress > 60) {
                    results.indexerMetrics = m;
                    throw new IOException("no progress for 60 s at " + m.indexed() + " of " + o.docs + " documents");
                }
            }
            Thread.sleep(o.pollMillis);
        }
        if (cpuStart != null) {
            results.indexerCpu = cpu.between(cpuStart, cpu.snapshot());
        }
        // A few more heap samples after the last document: what the idle indexer keeps.
        for (int i = 0; i < 5 && doneAt > 0; i++) {
            Thread.sleep(1000);
            Metrics m = Metrics.scrape(http, metrics);
            if (m != null) {
                results.heapAfter.add(new IndexerResults.Sample((System.nanoTime() - t0) / 1e9, m.indexed(), m.heapUsed(), m.lag()));
                results.indexerMetrics = m;
            }
        }
        results.indexerReadySeconds = readyAt;
        results.indexerFirstSeconds = firstAt;
        results.indexerDoneSeconds = doneAt;
        results.indexerCount = count(INDEX);
        stopIndexer();
        if (doneAt < 0) {
            throw new IOException("the indexer did not index " + o.docs + " documents within " + o.timeout.toSeconds() + " s");
        }
        double seconds = doneAt - firstAt;
        Tools.say(String.format("   %,d documents in %.1f s from the start of consumption to the last: %,.0f docs/s (%.1f s from the "
                + "JVM's start); _count %,d", o.docs, seconds, o.docs / seconds, doneAt, results.indexerCount));
        if (results.indexerCount != o.docs) {
            results.problems.add("indexer: _count " + results.indexerCount + " of " + o.docs);
        }
    }

    private synchronized void stopIndexer() {
        Process p = indexer;
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    /** The figures of one {@code /metrics} scrape the harness uses. */
    record Metrics(long indexed, long failed, long heapUsed, long lag, long bulkErrors, long retries, String flushed) {

        private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:]+)(\\{[^}]*})?\\s+(\\S+)");

        static Metrics scrape(HttpClient http, URI uri) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    return null;
                }
                double indexed = 0, failed = 0, heap = 0, lag = 0, errors = 0, retries = 0;
                StringBuilder flushed = new StringBuilder();
                for (String line : r.body().split("\n")) {
                    if (line.startsWith("#")) {
                        continue;
                    }
                    Matcher m = LINE.matcher(line);
                    if (!m.find()) {
                        continue;
                    }
                    String name = m.group(1);
                    String tags = m.group(2) == null ? "" : m.group(2);
                    double v;
                    try {
                        v = Double.parseDouble(m.group(3));
                    } catch (NumberFormatException e) {
                        continue;
                    }
                    switch (name) {
                        case "dispatcher_indexer_documents_indexed_total" -> indexed += v;
                        case "dispatcher_indexer_documents_failed_total" -> failed += v;
                        case "dispatcher_indexer_consumer_lag" -> lag += v;
                        case "dispatcher_indexer_bulk_errors_total" -> errors += v;
                        case "dispatcher_indexer_bulk_retries_total" -> retries += v;
                        case "jvm_memory_used_bytes" -> {
                            if (tags.contains("area=\"heap\"")) {
                                heap += v;
                            }
                        }
                        default -> {
                            if (name.startsWith("dispatcher_indexer_bulker_flushed_reason") && v > 0) {
                                flushed.append(flushed.isEmpty() ? "" : ", ").append("flushed by ")
                                        .append(tags.replaceAll(".*reason=\"([^\"]*)\".*", "$1")).append(' ').append(String.format("%.0f", v));
                            }
                        }
                    }
                }
                return new Metrics((long) indexed, (long) failed, (long) heap, (long) lag, (long) errors, (long) retries,
                        flushed.toString());
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    /** The run's documents: the same bytes for document n whoever sends them (only {@code _index} differs). */
    static final class Documents {

        private static final String[] WORDS = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel",
            "india", "juliett", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango",
            "uniform", "victor", "whiskey", "xray", "yankee", "zulu"};

        private Documents() {
        }

        /** About 500 bytes of JSON, deterministic in n. */
        static byte[] document(long n) {
            SplittableRandom r = new SplittableRandom(n * 0x9E3779B97F4A7C15L + 1);
            StringBuilder s = new StringBuilder(520);
            s.append("{\"@timestamp\":\"2026-12-03T").append(String.format("%02d:%02d:%02d.%03dZ", (n / 3600000) % 24,
                    (n / 60000) % 60, (n / 1000) % 60, n % 1000)).append('"');
            s.append(",\"sequence\":").append(n);
            s.append(",\"source\":{\"ip\":\"10.").append(r.nextInt(256)).append('.').append(r.nextInt(256)).append('.')
                    .append(r.nextInt(256)).append("\",\"port\":").append(r.nextInt(1024, 65536)).append('}');
            s.append(",\"destination\":{\"ip\":\"192.168.").append(r.nextInt(256)).append('.').append(r.nextInt(256))
                    .append("\",\"port\":").append(r.nextInt(1, 1024)).append('}');
            s.append(",\"protocol\":\"").append(r.nextBoolean() ? "tcp" : "udp").append('"');
            s.append(",\"bytes\":").append(r.nextLong(1_000_000_000L));
            s.append(",\"packets\":").append(r.nextInt(100_000));
            s.append(",\"host\":\"sensor-").append(r.nextInt(64)).append(".bench.local\"");
            s.append(",\"tags\":[\"").append(WORDS[r.nextInt(WORDS.length)]).append("\",\"")
                    .append(WORDS[r.nextInt(WORDS.length)]).append("\"]");
            s.append(",\"message\":\"");
            int target = 500 - 2;
            while (s.length() < target - 8) {
                s.append(WORDS[r.nextInt(WORDS.length)]).append(' ');
            }
            s.setLength(Math.min(s.length(), target));
            if (s.charAt(s.length() - 1) == ' ') {
                s.setCharAt(s.length() - 1, '.');
            }
            s.append("\"}");
            return s.toString().getBytes(StandardCharsets.UTF_8);
        }

        /** A {@code bulk1} message: the action line and the document, each ending in a newline. */
        static byte[] message(String index, long n) {
            byte[] action = ("{\"index\":{\"_index\":\"" + index + "\",\"_id\":\"" + n + "\"}}\n").getBytes(StandardCharsets.UTF_8);
            byte[] doc = document(n);
            byte[] m = new byte[action.length + doc.length + 1];
            System.arraycopy(action, 0, m, 0, action.length);
            System.arraycopy(doc, 0, m, action.length, doc.length);
            m[m.length - 1] = '\n';
            return m;
        }
    }
}
