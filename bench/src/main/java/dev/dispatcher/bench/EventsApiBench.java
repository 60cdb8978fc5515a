package dev.dispatcher.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./dispatcher bench events-api}: one run against one broker and one dispatcher-api that
 * {@code ./dispatcher} started for it. Kafka's own perf tools give the baseline; then HTTP publish,
 * active fetch until drained, long-poll latency and idle long-polls. A harness, not a test: it
 * measures and reports, it asserts nothing, and every loop is bounded in count and time.
 */
public final class EventsApiBench {

    private static final String BASELINE_TOPIC = "bench.baseline";
    private static final String FETCH_PLUGIN = "bench";
    private static final String LATENCY_PLUGIN = "bench-latency";
    private static final String WARM_UP_PLUGIN = "bench-warmup";
    /** At most this many warm-up tasks left in flight before the measured fetch. */
    private static final long FETCH_WARM_UP_MAX = 600_000;
    /** JIT compile time in a 5 s warm-up window (10 % of it) under which the api counts as warmed up. */
    private static final long JIT_SETTLED_MS = 500;

    private final Options o;
    private final Api api;
    private final Results results = new Results();
    private final BinaryEvents events;
    private final BinaryEvents warmUpEvents;
    private final Cpu cpu;
    private final Path toolsLog;
    private final HttpClient http = Api.client();
    private int metricsDumps;

    private EventsApiBench(Options o) {
        this.o = o;
        this.api = new Api(o.api, o.apiPid);
        String run = "run-" + Long.toHexString(System.currentTimeMillis());
        this.events = new BinaryEvents(run, BinaryEvents.SOURCE, o.recordSize);
        this.warmUpEvents = new BinaryEvents(run, BinaryEvents.WARM_UP_SOURCE, o.recordSize);
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put("broker", o.kafkaPid);
        pids.put("api", o.apiPid);
        pids.put("harness", ProcessHandle.current().pid());
        this.cpu = new Cpu(pids);
        this.toolsLog = o.work.resolve("logs/bench-tools.log");
    }

    public static void main(String[] args) throws Exception {
        Tools.launch(args, Options.usage(), Options::parse, o -> o.work, o -> new EventsApiBench(o).run());
    }

    private int run() throws Exception {
        long started = System.nanoTime();
        results.date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        results.mode = o.quick ? "quick (smoke check; short phases, not representative)" : "full";
        Tools.say("events-api benchmark, " + results.mode + "; work folder " + o.work);
        results.machine = Machine.describe(cpu, toolsLog, o.kafkaLib);
        if (o.buildInfo != null) {
            results.machine.put("measured build", o.buildInfo);
        }
        results.machine.forEach((k, v) -> Tools.say("  " + k + ": " + v));

        if (o.phases.contains("baseline")) {
            phase("baseline: ProducerPerformance + ConsumerPerformance", this::baseline);
        }
        if (o.phases.contains("publish")) {
            phase("HTTP publish", this::publishPhase);
        }
        if (o.phases.contains("fetch")) {
            phase("active fetch", this::fetchPhase);
        }
        if (o.phases.contains("latency")) {
            phase("long-poll latency", this::latencyPhase);
        }
        if (o.phases.contains("idle")) {
            for (String mode : o.idleModes) {
                phase("idle long-polls (" + mode + ")", () -> idlePhase(mode));
            }
        }
        results.minutes = (System.nanoTime() - started) / 60e9;

        Report report = new Report(results, o);
        Tools.say("");
        report.console().lines().forEach(Tools::say);
        Path copy = o.work.resolve("benchmarks-events-api.md");
        Files.writeString(copy, report.markdownBlock(), StandardCharsets.UTF_8);
        Tools.say("");
        Tools.say("results also in " + copy);
        if (o.writeDocs && o.docs != null) {
            report.updateDocs(o.docs);
            Tools.say("updated " + o.docs);
        } else if (o.docs != null) {
            Tools.say(o.docs + " not updated (" + (o.quick ? "--quick" : "--no-docs") + "; --write-docs to update it)");
        }
        return results.problems.isEmpty() ? 0 : 1;
    }

    private interface Phase {
        void run() throws Exception;
    }

    /** Runs one phase, recording where the CPU went; a failing phase is reported and the next one runs. */
    private void phase(String name, Phase phase) {
        Tools.say("");
        Tools.say("== " + name);
        if (!api.alive()) {
            results.problems.add(name + ": skipped, the api process is gone");
            Tools.say("   skipped: the api process is gone (see its log)");
            return;
        }
        Cpu.Snapshot before = cpu.snapshot();
        try {
            phase.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            results.problems.add(name + ": interrupted");
        } catch (Exception e) {
            results.problems.add(name + ": " + e);
            Tools.say("   FAILED: " + e);
        }
        Cpu.Share share = cpu.between(before, cpu.snapshot());
        results.cpu.put(name, share);
        Tools.say("   cpu over " + Math.round(share.seconds()) + " s: " + share.describe());
        saveMetrics(name);
    }

    /** The api's whole /metrics after each phase, for looking into a figure afterwards. */
    private void saveMetrics(String phase) {
        try {
            HttpResponse<String> r = http.send(java.net.http.HttpRequest.newBuilder(o.api.resolve("/metrics"))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            String file = "metrics-" + (++metricsDumps) + "-" + phase.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-+$", "") + ".txt";
            Files.writeString(o.work.resolve("logs").resolve(file), r.body(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            Tools.say("   (no /metrics after this phase: " + e + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ----------------------------------------------------------------------------------------------
    // 2. Kafka's own figures on this broker.

    private static final Pattern PRODUCER_SUMMARY = Pattern.compile(
            "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, "
                    + "([\\d.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th");

    private void baseline() throws Exception {
        Tools.Result created = Tools.run(toolsLog, Duration.ofSeconds(60), Tools.kafkaTool(o.kafkaLib, "256m",
                "org.apache.kafka.tools.TopicCommand", "--bootstrap-server", o.bootstrap, "--create", "--if-not-exists",
                "--topic", BASELINE_TOPIC, "--partitions", "6", "--replication-factor", "1"));
        if (created.exitCode() != 0) {
            throw new IllegalStateException("creating " + BASELINE_TOPIC + " failed:\n" + created.tail(10));
        }
        Tools.say("   ProducerPerformance: " + o.perfRecords + " records of " + o.recordSize
                + " B, acks=all, throughput -1, 6 partitions");
        Tools.Result produced = Tools.run(toolsLog, Duration.ofSeconds(300), Tools.kafkaTool(o.kafkaLib, "512m",
                "org.apache.kafka.tools.ProducerPerformance", "--bootstrap-server", o.bootstrap, "--topic", BASELINE_TOPIC,
                "--num-records", Integer.toString(o.perfRecords), "--record-size", Integer.toString(o.recordSize),
                "--throughput", "-1", "--command-property", "acks=all"));
        for (String line : produced.lines()) {
            Matcher m = PRODUCER_SUMMARY.matcher(line);
            if (m.find()) {
                results.producer = new Results.ProducerPerf(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)),
                        Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)), Double.parseDouble(m.group(8)));
            }
        }
        if (results.producer == null) {
            throw new IllegalStateException("no ProducerPerformance summary:\n" + produced.tail(15));
        }
        Tools.say(String.format("   -> %,.0f records/s, %.1f MiB/s, avg latency %.0f ms, p99 %.0f ms",
                results.producer.recordsPerSec(), results.producer.mibPerSec(), results.producer.avgLatencyMs(),
                results.producer.p99LatencyMs()));

        Tools.say("   ConsumerPerformance: the same " + o.perfRecords + " records, one consumer");
        Tools.Result consumed = Tools.run(toolsLog, Duration.ofSeconds(300), Tools.kafkaTool(o.kafkaLib, "512m",
                "org.apache.kafka.tools.ConsumerPerformance", "--bootstrap-server", o.bootstrap, "--topic", BASELINE_TOPIC,
                "--num-records", Integer.toString(o.perfRecords), "--group", "bench-consumer-perf-" + System.currentTimeMillis(),
                "--timeout", "30000"));
        results.consumer = parseConsumer(consumed.lines());
        if (results.consumer == null) {
            throw new IllegalStateException("no ConsumerPerformance summary:\n" + consumed.tail(15));
        }
        Tools.say(String.format("   -> %,.0f records/s (%,.0f/s once joined), %.1f MiB/s, group join %.0f ms",
                results.consumer.recordsPerSec(), results.consumer.fetchRecordsPerSec(), results.consumer.mibPerSec(),
                results.consumer.rebalanceMs()));
    }

    /** The header line names the columns of the line after it. */
    static Results.ConsumerPerf parseConsumer(List<String> lines) {
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (!lines.get(i).startsWith("start.time")) {
                continue;
            }
            List<String> names = Arrays.stream(lines.get(i).split(",")).map(String::trim).toList();
            List<String> values = Arrays.stream(lines.get(i + 1).split(",")).map(String::trim).toList();
            if (names.size() != values.size()) {
                continue;
            }
            Map<String, Double> v = new LinkedHashMap<>();
            for (int k = 0; k < names.size(); k++) {
                try {
                    v.put(names.get(k), Double.parseDouble(values.get(k)));
                } catch (NumberFormatException e) {
                    // the two time columns
                }
            }
            return new Results.ConsumerPerf(Math.round(v.getOrDefault("data.consumed.in.nMsg", 0.0)),
                    v.getOrDefault("nMsg.sec", 0.0), v.getOrDefault("MB.sec", 0.0),
                    v.getOrDefault("fetch.nMsg.sec", 0.0), v.getOrDefault("rebalance.time.ms", 0.0));
        }
        return null;
    }

    // ----------------------------------------------------------------------------------------------
    // 3. HTTP publish.

    private void publishPhase() throws Exception {
        Tools.say("   " + o.publishClients + " clients, arrays of " + o.batch + " events of " + o.recordSize
                + " B, sync=true, " + o.publishSeconds + " s (at most " + o.publishMaxEvents + " events)");
        warmUp();
        String jfr = startJfr("publish");
        Cpu.Snapshot before = cpu.snapshot();
        double jitBefore = api.vitals(http).jitMillis();
        results.publish = publish(o.publishClients, Duration.ofSeconds(o.publishSeconds), o.publishMaxEvents, http);
        results.cpu.put("HTTP publish: measured window only", cpu.between(before, cpu.snapshot()));
        Tools.say(String.format("   JIT compile time in the measured window: %,.0f ms", api.vitals(http).jitMillis() - jitBefore));
        stopJfr(jfr);
        Results.PublishRun p = results.publish;
        Tools.say(String.format("   -> %,d events in %.1f s: %,.0f events/s, %.1f MiB/s; request p50 %.0f ms, p99 %.0f ms;"
                        + " %d failed events, %d failed requests", p.eventsOk(), p.seconds(), p.eventsPerSec(), p.mibPerSec(),
                p.requestP50Ms(), p.requestP99Ms(), p.eventFailures(), p.requestErrors()));
        if (p.firstError() != null) {
            Tools.say("   first error: " + p.firstError());
        }
    }

    /**
     * Publishes in 5 s windows until the api runs its publish path at full speed: the rate has stopped
     * climbing (two windows in a row less than 5 % above the best so far) and the JIT has settled (it
     * compiled for at most {@value #JIT_SETTLED_MS} ms in the last window, by the api's
     * {@code jvm_compilation_time_ms_total}). Bounded: a fresh api JVM on 2 busy cores keeps C2 busy
     * for a minute or two, recompiling the large inlined handler methods, and that ramp is not what the
     * figure is about. The warm-up's events are the measured ones but for their source,
     * {@value BinaryEvents#WARM_UP_SOURCE}: they take the same path through the api as the measured
     * ones, and land in topics of their own, which the fetch phase's plugin does not read
     * ({@code r-source=bench}), so they do not lengthen the drain.
     */
    private void warmUp() throws Exception {
        long min = Duration.ofSeconds(o.quick ? 5 : 30).toNanos();
        long max = Duration.ofSeconds(o.quick ? 10 : 180).toNanos();
        long start = System.nanoTime();
        double best = 0;
        int flat = 0;
        StringBuilder rates = new StringBuilder();
        StringBuilder jit = new StringBuilder();
        double compiled = api.vitals(http).jitMillis();
        while (true) {
            double rate = publish(o.publishClients, Duration.ofSeconds(5), Long.MAX_VALUE, http, warmUpEvents).eventsPerSec();
            double now = api.vitals(http).jitMillis();
            double window = now - compiled;
            compiled = now;
            rates.append(rates.isEmpty() ? "" : ", ").append(String.format("%,.0f", rate));
            jit.append(jit.isEmpty() ? "" : ", ").append(String.format("%,.0f", window));
            long elapsed = System.nanoTime() - start;
            flat = rate < best * 1.05 ? flat + 1 : 0;
            best = Math.max(best, rate);
            boolean settled = !(window > JIT_SETTLED_MS); // NaN (no metric): rate alone decides
            boolean plateau = elapsed >= min && flat >= 2 && settled;
            if (plateau || elapsed >= max) {
                Tools.say("   warm-up, events/s per 5 s window: " + rates + (plateau ? " (levelled off)" : " (time limit)"));
                Tools.say("   warm-up, JIT compile ms per 5 s window: " + jit);
                return;
            }
        }
    }

    /** {@code clients} loops posting arrays until the time is up or {@code maxEvents} are sent. */
    private Results.PublishRun publish(int clients, Duration duration, long maxEvents, HttpClient client)
            throws InterruptedException {
        return publish(clients, duration, maxEvents, client, events);
    }

    private Results.PublishRun publish(int clients, Duration duration, long maxEvents, HttpClient client, BinaryEvents generator)
            throws InterruptedException {
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong requests = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicLong budget = new AtomicLong(maxEvents);
        AtomicReference<String> firstError = new AtomicReference<>();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                pool.submit(() -> {
                    while (System.nanoTime() < deadline && budget.addAndGet(-o.batch) >= 0) {
                        byte[] body = generator.array(o.batch);
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<String> r = client.send(api.publish(body), HttpResponse.BodyHandlers.ofString());
                            latencies.add(System.nanoTime() - t0);
                            requests.incrementAndGet();
                            if (r.statusCode() == 200) {
                                Api.Published p = Api.published(r.body());
                                ok.addAndGet(Math.max(0, p.ok()));
                                failed.addAndGet(Math.max(0, p.failures()));
                                bytes.addAndGet(body.length);
                                if (p.failures() > 0) {
                                    firstError.compareAndSet(null, "event failures: " + head(r.body()));
                                }
                            } else {
                                errors.incrementAndGet();
                                firstError.compareAndSet(null, "HTTP " + r.statusCode() + ": " + head(r.body()));
                                Thread.sleep(200);
                            }
                        } catch (IOException e) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, e.toString());
                            Thread.sleep(200);
                        }
                    }
                    return null;
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Long> sorted;
        synchronized (latencies) {
            sorted = new ArrayList<>(latencies);
        }
        Collections.sort(sorted);
        return new Results.PublishRun(clients, ok.get(), failed.get(), requests.get(), errors.get(), bytes.get(), seconds,
                percentileMs(sorted, 50), percentileMs(sorted, 99), firstError.get());
    }

    // ----------------------------------------------------------------------------------------------
    // 4. Active fetch until the bench topics are drained.

    private void fetchPhase() throws Exception {
        fetchWarmUp();
        long expected = topicEvents();
        Tools.say("   " + o.fetchers + " concurrent fetchers of plugin '" + FETCH_PLUGIN + "', count=" + o.fetchCount
                + ", r-historic + r-live, r-source=" + BinaryEvents.SOURCE + ", draining " + expected + " events (at most " + o.drainMaxSeconds + " s)");
        String jfr = startJfr("fetch");
        double jitBefore = api.vitals(http).jitMillis();
        AtomicLong fetched = new AtomicLong();
        AtomicLong requests = new AtomicLong();
        AtomicLong empty = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicLong firstEventAt = new AtomicLong();
        AtomicLong lastEventAt = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        AtomicBoolean done = new AtomicBoolean();
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(o.drainMaxSeconds).toNanos();
        long stall = Duration.ofSeconds(20).toNanos();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int f = 0; f < o.fetchers; f++) {
                pool.submit(() -> {
                    while (!done.get()) {
                        long now = System.nanoTime();
                        long last = Math.max(lastEventAt.get(), start);
                        if (fetched.get() >= expected || now > deadline || now - last > stall) {
                            done.set(true);
                            break;
                        }
                        try {
                            HttpResponse<String> r = http.send(api.active(Duration.ofSeconds(30), "name", FETCH_PLUGIN,
                                    "version", "1", "count", Integer.toString(o.fetchCount), "timeout", "1",
                                    "r-historic", "true", "r-live", "true", "r-source", BinaryEvents.SOURCE),
                                    HttpResponse.BodyHandlers.ofString());
                            requests.incrementAndGet();
                            if (r.statusCode() != 200) {
                                firstError.compareAndSet(null, "HTTP " + r.statusCode() + ": " + head(r.body()));
                                Thread.sleep(200);
                                continue;
                            }
                            int n = Api.fetched(r.body());
                            if (n > 0) {
                                long t = System.nanoTime();
                                firstEventAt.compareAndSet(0, t);
                                lastEventAt.accumulateAndGet(t, Math::max);
                                fetched.addAndGet(n);
                                bytes.addAndGet(r.body().length());
                            } else {
                                empty.incrementAndGet();
                            }
                        } catch (IOException e) {
                            firstError.compareAndSet(null, e.toString());
                            Thread.sleep(200);
                        }
                    }
                    return null;
                });
            }
        }
        stopJfr(jfr);
        Tools.say(String.format("   JIT compile time while draining: %,.0f ms", api.vitals(http).jitMillis() - jitBefore));
        long end = lastEventAt.get() == 0 ? System.nanoTime() : lastEventAt.get();
        Results.FetchRun f = new Results.FetchRun(o.fetchers, expected, fetched.get(), requests.get(), empty.get(),
                bytes.get(), (end - start) / 1e9, firstEventAt.get() == 0 ? 0 : (firstEventAt.get() - start) / 1e9,
                fetched.get() >= expected, firstError.get());
        results.fetch = f;
        Tools.say(String.format("   -> %,d of %,d events in %.1f s: %,.0f events/s (%,.0f/s after the first answer at %.1f s),"
                        + " %.1f MiB/s of JSON, %d requests (%d empty)%s", f.fetched(), f.expected(), f.seconds(),
                f.eventsPerSec(), f.steadyEventsPerSec(), f.secondsToFirstEvent(), f.mibPerSec(), f.requests(),
                f.emptyAnswers(), f.drained() ? "" : " -- NOT drained"));
        if (f.firstError() != null) {
            Tools.say("   first error: " + f.firstError());
        }
    }

    /**
     * Active fetches of the publish warm-up's events by a plugin of its own, the measured fetch's
     * requests but for {@code r-source}, in 5 s windows until the JIT has settled (as in the publish
     * warm-up), for 20–90 s and at most {@value #FETCH_WARM_UP_MAX} events: without it, C2 compiled
     * for 30 s of a 50 s drain. Its tasks stay in flight (their deadline is 30 minutes), like the
     * measured fetch's own.
     */
    private void fetchWarmUp() throws Exception {
        long min = Duration.ofSeconds(o.quick ? 3 : 20).toNanos();
        long max = Duration.ofSeconds(o.quick ? 6 : 90).toNanos();
        long start = System.nanoTime();
        AtomicLong fetched = new AtomicLong();
        AtomicBoolean drained = new AtomicBoolean();
        StringBuilder rates = new StringBuilder();
        StringBuilder jit = new StringBuilder();
        double compiled = api.vitals(http).jitMillis();
        while (true) {
            long before = fetched.get();
            long windowStart = System.nanoTime();
            long windowEnd = windowStart + Duration.ofSeconds(5).toNanos();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int f = 0; f < o.fetchers; f++) {
                    pool.submit(() -> {
                        while (System.nanoTime() < windowEnd && !drained.get()) {
                            HttpResponse<String> r = http.send(api.active(Duration.ofSeconds(30), "name", WARM_UP_PLUGIN,
                                    "version", "1", "count", Integer.toString(o.fetchCount), "timeout", "1",
                                    "r-historic", "true", "r-live", "true", "r-source", BinaryEvents.WARM_UP_SOURCE),
                                    HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() != 200) {
                                Thread.sleep(200);
                                continue;
                            }
                            int n = Api.fetched(r.body());
                            if (n == 0 && fetched.get() > 0) {
                                drained.set(true);
                            }
                            fetched.addAndGet(n);
                        }
                        return null;
                    });
                }
            }
            double seconds = (System.nanoTime() - windowStart) / 1e9;
            double now = api.vitals(http).jitMillis();
            double window = now - compiled;
            compiled = now;
            rates.append(rates.isEmpty() ? "" : ", ").append(String.format("%,.0f", (fetched.get() - before) / seconds));
            jit.append(jit.isEmpty() ? "" : ", ").append(String.format("%,.0f", window));
            long elapsed = System.nanoTime() - start;
            boolean settled = elapsed >= min && !(window > JIT_SETTLED_MS);
            if (settled || elapsed >= max || drained.get() || fetched.get() >= FETCH_WARM_UP_MAX) {
                Tools.say(String.format("   fetch warm-up (plugin '%s', r-source=%s): %,d events; events/s per 5 s window: %s (%s)",
                        WARM_UP_PLUGIN, BinaryEvents.WARM_UP_SOURCE, fetched.get(), rates,
                        settled ? "JIT settled" : drained.get() ? "warm-up events drained" : "limit"));
                Tools.say("   fetch warm-up, JIT compile ms per 5 s window: " + jit);
                return;
            }
        }
    }

    /** Records in the bench source's binary topics now (end offsets; the topics start empty in a fresh work dir). */
    private long topicEvents() throws Exception {
        Tools.Result r = Tools.run(toolsLog, Duration.ofSeconds(60), Tools.kafkaTool(o.kafkaLib, "256m",
                "org.apache.kafka.tools.GetOffsetShell", "--bootstrap-server", o.bootstrap,
                "--topic", ".*\\." + BinaryEvents.SOURCE + "\\.binary\\..*", "--time", "-1"));
        long sum = 0;
        int partitions = 0;
        for (String line : r.lines()) {
            String[] f = line.trim().split(":");
            if (f.length == 3 && f[2].matches("\\d+")) {
                sum += Long.parseLong(f[2]);
                partitions++;
            }
        }
        if (r.exitCode() != 0 || partitions == 0) {
            throw new IllegalStateException("GetOffsetShell found no bench topics:\n" + r.tail(10));
        }
        return sum;
    }

    // ----------------------------------------------------------------------------------------------
    // 5. One waiting long-poll: publish acknowledged -> poll returned.

    private void latencyPhase() throws Exception {
        Tools.say("   plugin '" + LATENCY_PLUGIN + "' waits (ignore-historic=true, count=1, timeout=10); one event"
                + " published (sync) per sample; " + o.latencyIterations + " samples");
        // Until the plugin's consumers own their partitions, a live event could be missed by design.
        long readyBy = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        boolean ready = false;
        while (!ready && System.nanoTime() < readyBy) {
            ready = Api.ready(latencyPoll(1).body());
        }
        if (!ready) {
            throw new IllegalStateException("the latency plugin's consumers never became ready");
        }
        drainLatencyPlugin();
        List<Double> ackToReturn = new ArrayList<>();
        List<Double> sendToReturn = new ArrayList<>();
        int misses = 0;
        int beforeAck = 0;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < o.latencyIterations; i++) {
                BinaryEvents.Event event = events.next();
                CompletableFuture<long[]> poll = CompletableFuture.supplyAsync(() -> {
                    try {
                        HttpResponse<String> r = latencyPoll(10);
                        long t = System.nanoTime();
                        return new long[] {t, r.statusCode() == 200 && r.body().contains(event.sha256()) ? 1 : 0};
                    } catch (Exception e) {
                        return new long[] {System.nanoTime(), 0};
                    }
                }, pool);
                // Let the poll reach the server and wait; a random part de-phases it from the broker poll slices.
                Thread.sleep(150 + ThreadLocalRandom.current().nextInt(100));
                long sent = System.nanoTime();
                HttpResponse<String> published = http.send(api.publish(("[" + event.json() + "]").getBytes(StandardCharsets.UTF_8)),
                        HttpResponse.BodyHandlers.ofString());
                long acked = System.nanoTime();
                long[] returned;
                try {
                    returned = poll.get(20, TimeUnit.SECONDS);
                } catch (Exception e) {
                    returned = new long[] {System.nanoTime(), 0};
                }
                if (published.statusCode() != 200 || returned[1] == 0) {
                    misses++;
                    drainLatencyPlugin();
                    continue;
                }
                if (returned[0] < acked) {
                    beforeAck++;
                }
                ackToReturn.add(Math.max(0, returned[0] - acked) / 1e6);
                sendToReturn.add((returned[0] - sent) / 1e6);
            }
        }
        Collections.sort(ackToReturn);
        Collections.sort(sendToReturn);
        results.latency = new Results.LatencyRun(ackToReturn.size(), misses, beforeAck, percentile(ackToReturn, 50),
                percentile(ackToReturn, 95), percentile(ackToReturn, 99), ackToReturn.isEmpty() ? Double.NaN : ackToReturn.getLast(),
                percentile(sendToReturn, 50), percentile(sendToReturn, 99));
        Results.LatencyRun l = results.latency;
        Tools.say(String.format("   -> publish-ack -> poll-return: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms"
                        + " (%d samples, %d misses, %d returned before the ack); publish-sent -> return p50 %.1f ms, p99 %.1f ms",
                l.p50(), l.p95(), l.p99(), l.max(), l.samples(), l.misses(), l.returnedBeforeAck(), l.sendP50(), l.sendP99()));
    }

    private HttpResponse<String> latencyPoll(int timeoutSeconds) throws IOException, InterruptedException {
        return http.send(api.active(Duration.ofSeconds(timeoutSeconds + 20), "name", LATENCY_PLUGIN, "version", "1",
                "count", "1", "timeout", Integer.toString(timeoutSeconds), "ignore-historic", "true"),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Takes whatever the latency plugin still has (a late event of a missed sample) so the next sample starts clean. */
    private void drainLatencyPlugin() throws IOException, InterruptedException {
        for (int i = 0; i < 50; i++) {
            HttpResponse<String> r = latencyPoll(0);
            if (r.statusCode() != 200 || Api.fetched(r.body()) <= 0) {
                return;
            }
        }
    }

    // ----------------------------------------------------------------------------------------------
    // 6. Idle long-polls: heap and threads they cost, publishing while they wait.

    private void idlePhase(String mode) throws Exception {
        boolean distinct = mode.equals("distinct");
        int n = o.idlePolls;
        int timeout = o.idleTimeoutSeconds;
        Tools.say("   " + n + " concurrent long-polls, timeout=" + timeout + " s, "
                + (distinct ? n + " distinct plugins (each a live and a historic Kafka consumer; the historic one closes once it finds no history)" : "one plugin")
                + "; they subscribe to 'augmented' only, so the published 'sourced' events never wake them");
        // The reference for publishing while they wait: the same publish on the same api just before, no polls yet
        // (the publish phase's figure is a longer run on an api in another state: measured, they differ by more
        // than the polls' cost).
        Cpu.Snapshot controlStart = cpu.snapshot();
        Results.PublishRun control = publish(o.publishClients, Duration.ofSeconds(o.idlePublishSeconds), o.publishMaxEvents, http);
        results.cpu.put("idle long-polls (" + mode + "): publish just before, no polls", cpu.between(controlStart, cpu.snapshot()));
        Tools.say(String.format("   publish just before, no polls: %,.0f events/s (%,d events in %.1f s, %d failed requests)",
                control.eventsPerSec(), control.eventsOk(), control.seconds(), control.requestErrors()));
        api.fullGc(toolsLog);
        Api.Vitals before = api.vitals(http);
        Tools.say(vitals("   before (after full GC)", before));

        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicLong answered = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        String tag = Long.toHexString(System.nanoTime() & 0xfffff);
        Api.Vitals during = null;
        Api.Vitals duringPublish = null;
        Results.PublishRun publish = null;
        int inFlightAtMeasure = 0;
        // Their own client: one connection per waiting poll, apart from the publishing client's pool.
        HttpClient pollClient = Api.client();
        ExecutorService pollers = Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (int i = 0; i < n; i++) {
                String name = distinct ? String.format("bench-idle-%s-%03d", tag, i) : "bench-idle-" + tag;
                pollers.submit(() -> {
                    while (!stop.get()) {
                        inFlight.incrementAndGet();
                        try {
                            HttpResponse<String> r = pollClient.send(api.active(Duration.ofSeconds(timeout + 60), "name", name,
                                    "version", "1", "count", "100", "timeout", Integer.toString(timeout),
                                    "f-allow-event-type", "augmented"), HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() == 200) {
                                answered.incrementAndGet();
                            } else {
                                errors.incrementAndGet();
                                firstError.compareAndSet(null, "HTTP " + r.statusCode() + ": " + head(r.body()));
                                Thread.sleep(1000);
                            }
                        } catch (IOException e) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, e.toString());
                            Thread.sleep(1000);
                        } finally {
                            inFlight.decrementAndGet();
                        }
                    }
                    return null;
                });
            }
            // Wait until the api opened every plugin's consumers (live and historic) and the historic ones found
            // their (empty) history read and closed, or nothing changed for 30 s; bounded.
            int plugins = distinct ? n : 1;
            double openedBy = before.consumersOpened() + 2.0 * plugins;
            double doneBy = before.historiesDone() + plugins;
            long settleStart = System.nanoTime();
            long settleBy = settleStart + Duration.ofSeconds(o.idleSettleMaxSeconds).toNanos();
            double lastSeen = -1;
            long lastChange = System.nanoTime();
            Api.Vitals seen = before;
            while (System.nanoTime() < settleBy) {
                Thread.sleep(1000);
                seen = api.vitals(http);
                double progress = seen.consumersOpened() + seen.historiesDone();
                if (progress != lastSeen) {
                    lastSeen = progress;
                    lastChange = System.nanoTime();
                }
                if ((seen.consumersOpened() >= openedBy && seen.historiesDone() >= doneBy)
                        || System.nanoTime() - lastChange > Duration.ofSeconds(30).toNanos()) {
                    break;
                }
            }
            Tools.say(String.format("   %.0f of %.0f consumers opened, %.0f of %.0f historic ones closed, %.0f open, after %.0f s",
                    seen.consumersOpened() - before.consumersOpened(), 2.0 * plugins,
                    seen.historiesDone() - before.historiesDone(), (double) plugins, seen.consumersOpen(),
                    (System.nanoTime() - settleStart) / 1e9));
            Thread.sleep(2000);
            api.fullGc(toolsLog);
            during = api.vitals(http);
            inFlightAtMeasure = inFlight.get();
            // What that heap is: the classes holding the most, in logs/ (GC.class_histogram collects first).
            Tools.run(o.work.resolve("logs/api-heap-idle-" + mode + ".txt"), Duration.ofSeconds(60), Tools.jdkTool("jcmd"),
                    Long.toString(api.pid), "GC.class_histogram");
            Tools.say(vitals("   waiting (after full GC)", during) + ", polls in flight " + inFlightAtMeasure
                    + ", answered so far " + answered.get() + ", errors " + errors.get());

            // What the waiting polls and their consumers cost by themselves, before anything is published.
            Cpu.Snapshot waiting = cpu.snapshot();
            Thread.sleep(10_000);
            results.cpu.put("idle long-polls (" + mode + "): 10 s waiting, nothing published",
                    cpu.between(waiting, cpu.snapshot()));
            String jfr = startJfr("idle-publish-" + mode);
            Cpu.Snapshot publishing = cpu.snapshot();
            publish = publish(o.publishClients, Duration.ofSeconds(o.idlePublishSeconds), o.publishMaxEvents, http);
            results.cpu.put("idle long-polls (" + mode + "): publish window only",
                    cpu.between(publishing, cpu.snapshot()));
            stopJfr(jfr);
            duringPublish = api.vitals(http);
            Tools.say(String.format("   -> publish while they wait: %,.0f events/s (%,d events in %.1f s, %d failed requests)%s",
                    publish.eventsPerSec(), publish.eventsOk(), publish.seconds(), publish.requestErrors(),
                    String.format(", %.2f x the publish just before", publish.eventsPerSec() / control.eventsPerSec())));
            Tools.say(vitals("   right after publishing (no GC)", duringPublish) + ", polls in flight " + inFlight.get());
        } finally {
            // No new polls; the ones waiting end at their timeout (the server keeps them until then anyway).
            stop.set(true);
            pollers.shutdown();
            if (!pollers.awaitTermination(timeout + 30, TimeUnit.SECONDS)) {
                pollers.shutdownNow();
            }
            pollClient.close();
        }
        Results.IdleRun run = new Results.IdleRun(mode, n, timeout, before, during, duringPublish, control, publish,
                answered.get(), errors.get(), inFlightAtMeasure, firstError.get());
        results.idle.add(run);
        Tools.say(String.format("   -> heap %+.0f MB for %d waiting polls; %d answered (timeouts), %d errors%s",
                run.heapDeltaMb(), n, run.answered(), run.errors(), run.firstError() == null ? "" : "; first error: " + run.firstError()));
    }

    private static String vitals(String label, Api.Vitals v) {
        return String.format("%s: heap %.0f MB, live threads %.0f, consumers %.0f, RSS %.0f MB", label, v.heapMb(),
                v.liveThreads(), v.consumersOpen(), v.rssMb());
    }

    // ----------------------------------------------------------------------------------------------
    // Profiling (--jfr): where the api's CPU goes.

    private String startJfr(String name) throws IOException, InterruptedException {
        if (!o.jfr) {
            return null;
        }
        Path file = o.work.resolve("api-" + name + ".jfr");
        Tools.run(toolsLog, Duration.ofSeconds(30), Tools.jdkTool("jcmd"), Long.toString(api.pid), "JFR.start",
                "name=bench-" + name, "settings=profile", "filename=" + file);
        return name;
    }

    private void stopJfr(String name) throws IOException, InterruptedException {
        if (name == null) {
            return;
        }
        Path file = o.work.resolve("api-" + name + ".jfr");
        Tools.run(toolsLog, Duration.ofSeconds(60), Tools.jdkTool("jcmd"), Long.toString(api.pid), "JFR.stop",
                "name=bench-" + name);
        Path out = o.work.resolve("api-" + name + "-views.txt");
        List<String> lines = new ArrayList<>();
        for (String view : List.of("hot-methods", "thread-cpu-load", "allocation-by-site", "gc-pauses")) {
            Tools.Result r = Tools.run(toolsLog, Duration.ofSeconds(120), Tools.jdkTool("jfr"), "view", "--width", "200",
                    view, file.toString());
            lines.addAll(r.lines());
            lines.add("");
        }
        Files.write(out, lines);
        Tools.say("   JFR profile of the api: " + file + " (summary views: " + out + ")");
    }

    // ----------------------------------------------------------------------------------------------

    private static double percentileMs(List<Long> sortedNanos, int p) {
        if (sortedNanos.isEmpty()) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sortedNanos.size()) - 1;
        return sortedNanos.get(Math.max(0, Math.min(i, sortedNanos.size() - 1))) / 1e6;
    }

    private static double percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(i, sorted.size() - 1)));
    }

    private static String head(String body) {
        String s = body.replaceAll("\\s+", " ");
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
