package dev.dispatcher.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Settings of one {@code events-api} run; {@code --quick} shortens every phase to a smoke check. */
final class Options {

    boolean quick;
    String bootstrap = "127.0.0.1:19092";
    URI api = URI.create("http://127.0.0.1:18111");
    long apiPid = -1;
    long kafkaPid = -1;
    Path kafkaLib;
    Path work = Path.of(".");
    Path docs;
    boolean writeDocs;
    boolean jfr;
    String invocation = "./dispatcher bench events-api";
    String buildInfo;

    // Phase 2: Kafka's own tools.
    int perfRecords = 1_000_000;
    int recordSize = 1024;

    // Phase 3: HTTP publish.
    int publishSeconds = 30;
    long publishMaxEvents = 1_000_000;
    int publishClients = 4;
    int batch = 100;

    // Phase 4: active fetch.
    int fetchers = 4;
    int fetchCount = 100;
    int drainMaxSeconds = 300;

    // Phase 5: long-poll latency.
    int latencyIterations = 300;

    // Phase 6: idle long-polls.
    int idlePolls = 500;
    int idleTimeoutSeconds = 30;
    int idlePublishSeconds = 20;
    int idleSettleMaxSeconds = 240;
    List<String> idleModes = new ArrayList<>(List.of("one", "distinct"));

    /** Phases to run, always in this order; the fetch phase drains what is in the topics (publish fills them). */
    static final List<String> PHASES = List.of("baseline", "publish", "fetch", "latency", "idle");
    List<String> phases = PHASES;

    static Options parse(String[] args) {
        Options o = new Options();
        // --quick first, so explicit settings given with it still win.
        if (Arrays.asList(args).contains("--quick")) {
            o.quick = true;
            o.perfRecords = 150_000;
            o.publishSeconds = 5;
            o.publishMaxEvents = 100_000;
            o.drainMaxSeconds = 30;
            o.latencyIterations = 40;
            o.idleTimeoutSeconds = 10;
            o.idlePublishSeconds = 5;
            o.idleSettleMaxSeconds = 30;
            o.idleModes = new ArrayList<>(List.of("one"));
        }
        o.writeDocs = !o.quick;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick" -> { }
                case "--write-docs" -> o.writeDocs = true;
                case "--no-docs" -> o.writeDocs = false;
                case "--jfr" -> o.jfr = true;
                case "--bootstrap" -> o.bootstrap = args[++i];
                case "--api" -> o.api = URI.create(args[++i]);
                case "--api-pid" -> o.apiPid = Long.parseLong(args[++i]);
                case "--kafka-pid" -> o.kafkaPid = Long.parseLong(args[++i]);
                case "--kafka-lib" -> o.kafkaLib = Path.of(args[++i]);
                case "--work" -> o.work = Path.of(args[++i]);
                case "--docs" -> o.docs = Path.of(args[++i]);
                case "--invocation" -> o.invocation = args[++i];
                case "--build-info" -> o.buildInfo = args[++i];
                case "--perf-records" -> o.perfRecords = Integer.parseInt(args[++i]);
                case "--publish-seconds" -> o.publishSeconds = Integer.parseInt(args[++i]);
                case "--publish-max-events" -> o.publishMaxEvents = Long.parseLong(args[++i]);
                case "--publish-clients" -> o.publishClients = Integer.parseInt(args[++i]);
                case "--batch" -> o.batch = Integer.parseInt(args[++i]);
                case "--fetchers" -> o.fetchers = Integer.parseInt(args[++i]);
                case "--drain-max-seconds" -> o.drainMaxSeconds = Integer.parseInt(args[++i]);
                case "--latency-iterations" -> o.latencyIterations = Integer.parseInt(args[++i]);
                case "--idle-polls" -> o.idlePolls = Integer.parseInt(args[++i]);
                case "--idle-timeout" -> o.idleTimeoutSeconds = Integer.parseInt(args[++i]);
                case "--idle-publish-seconds" -> o.idlePublishSeconds = Integer.parseInt(args[++i]);
                case "--idle-modes" -> o.idleModes = new ArrayList<>(Arrays.asList(args[++i].split(",")));
                case "--phases" -> o.phases = List.of(args[++i].split(","));
                default -> throw new IllegalArgumentException("unknown option " + a + "\n" + usage());
            }
        }
        if (o.kafkaLib == null) {
            throw new IllegalArgumentException("--kafka-lib is required\n" + usage());
        }
        for (String phase : o.phases) {
            if (!PHASES.contains(phase)) {
                throw new IllegalArgumentException("--phases takes a comma list of " + PHASES + ", not " + phase);
            }
        }
        for (String mode : o.idleModes) {
            if (!mode.equals("one") && !mode.equals("distinct")) {
                throw new IllegalArgumentException("--idle-modes takes one, distinct or one,distinct, not " + mode);
            }
        }
        return o;
    }

    static String usage() {
        return """
                Options of the events-api benchmark (./dispatcher bench events-api [options]):
                  --quick                    short phases, a smoke check of 1-2 minutes; docs/benchmarks.md untouched
                  --write-docs / --no-docs   update docs/benchmarks.md or not (default: full runs do, --quick does not)
                  --jfr                      record a JFR profile of the api during HTTP publish and active fetch
                  --perf-records N           records for ProducerPerformance/ConsumerPerformance (1000000)
                  --publish-seconds S        HTTP publish duration after the warm-up (30), capped by --publish-max-events (1000000)
                  --publish-clients N        concurrent publishing clients (4)
                  --batch N                  events per POST (100)
                  --fetchers N               concurrent active fetchers of the one plugin (4)
                  --drain-max-seconds S      longest active-fetch drain (300)
                  --latency-iterations N     publish -> long-poll return samples (300)
                  --idle-polls N             concurrent idle long-polls (500), --idle-timeout S (30)
                  --idle-publish-seconds S   publish duration while they wait (20)
                  --idle-modes one,distinct  one plugin, and/or N distinct plugins (both)
                  --phases a,b,...           run only these of baseline,publish,fetch,latency,idle (all)""";
    }
}
