package dev.dispatcher.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/** Settings of one {@code indexer} run; {@code --quick} shrinks it to a smoke check. */
final class IndexerOptions {

    boolean quick;
    String bootstrap = "127.0.0.1:19292";
    URI opensearch = URI.create("http://127.0.0.1:19200");
    int indexerPort = 18113;
    long opensearchPid = -1;
    long kafkaPid = -1;
    Path kafkaLib;
    Path indexerJar;
    Path work = Path.of(".");
    Path docsFile;
    boolean writeDocs;
    String invocation = "./dispatcher bench indexer";
    String buildInfo;

    /** Documents = messages (issue 6: 1,000,000 of ~500 bytes). */
    long docs = 1_000_000;
    /** Documents per _bulk request: BULKER_MAX_MESSAGES, and the baseline's batch. */
    int batch = 1000;
    /** Parallel bulkers (ELASTIC_INDEXER_INSTANCES) and the baseline's requests in flight. */
    int instances = 2;
    /** Partitions of the topic; at least {@code instances}. 0: the same as instances. */
    int partitions = 0;
    String maxBytes = "10MB";
    String flushInterval = "1s";
    String indexerHeap = "512m";
    String topic = "bench-bulk";
    /** Unmeasured documents sent by the loader first (JIT of OpenSearch and the harness), into an index then deleted. */
    long warmupDocs = 100_000;
    /** The loader once more after the indexer, so that neither side alone gets the fresher (or fuller) node. */
    boolean after = true;
    int pollMillis = 250;
    Duration timeout = Duration.ofMinutes(15);

    static IndexerOptions parse(String[] args) {
        IndexerOptions o = new IndexerOptions();
        if (Arrays.asList(args).contains("--quick")) {
            o.quick = true;
            o.docs = 100_000;
            o.warmupDocs = 20_000;
        }
        o.writeDocs = !o.quick;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick" -> { }
                case "--write-docs" -> o.writeDocs = true;
                case "--no-docs" -> o.writeDocs = false;
                case "--bootstrap" -> o.bootstrap = args[++i];
                case "--opensearch" -> o.opensearch = URI.create(args[++i]);
                case "--indexer-port" -> o.indexerPort = Integer.parseInt(args[++i]);
                case "--opensearch-pid" -> o.opensearchPid = Long.parseLong(args[++i]);
                case "--kafka-pid" -> o.kafkaPid = Long.parseLong(args[++i]);
                case "--kafka-lib" -> o.kafkaLib = Path.of(args[++i]);
                case "--indexer-jar" -> o.indexerJar = Path.of(args[++i]);
                case "--work" -> o.work = Path.of(args[++i]);
                case "--docs-file" -> o.docsFile = Path.of(args[++i]);
                case "--invocation" -> o.invocation = args[++i];
                case "--build-info" -> o.buildInfo = args[++i];
                case "--docs" -> o.docs = Long.parseLong(args[++i].replace("_", "").replace(",", ""));
                case "--batch" -> o.batch = Integer.parseInt(args[++i]);
                case "--instances" -> o.instances = Integer.parseInt(args[++i]);
                case "--partitions" -> o.partitions = Integer.parseInt(args[++i]);
                case "--max-bytes" -> o.maxBytes = args[++i];
                case "--flush-interval" -> o.flushInterval = args[++i];
                case "--indexer-heap" -> o.indexerHeap = args[++i];
                case "--topic" -> o.topic = args[++i];
                case "--warmup-docs" -> o.warmupDocs = Long.parseLong(args[++i]);
                case "--no-after" -> o.after = false;
                case "--timeout-seconds" -> o.timeout = Duration.ofSeconds(Long.parseLong(args[++i]));
                default -> throw new IllegalArgumentException("unknown option " + a + "\n" + usage());
            }
        }
        if (o.partitions == 0) {
            o.partitions = o.instances;
        }
        if (o.docs < 1 || o.batch < 1 || o.instances < 1 || o.partitions < o.instances) {
            throw new IllegalArgumentException("--docs, --batch and --instances must be at least 1, --partitions at least --instances");
        }
        if (o.indexerJar == null) {
            throw new IllegalArgumentException("--indexer-jar is required");
        }
        return o;
    }

    static String usage() {
        return """
                Options of the indexer benchmark (./dispatcher bench indexer [options]):
                  --quick                    100,000 documents instead of 1,000,000: a smoke check; docs/benchmarks.md untouched
                  --write-docs / --no-docs   update docs/benchmarks.md or not (default: full runs do, --quick does not)
                  --docs N                   documents = Kafka messages, one bulk1 pair each (1000000; 100000 with --quick)
                  --batch N                  documents per _bulk: BULKER_MAX_MESSAGES and the loader's batch (1000)
                  --instances N              ELASTIC_INDEXER_INSTANCES and the loader's requests in flight (2)
                  --partitions N             partitions of the topic, at least --instances (= --instances)
                  --max-bytes SIZE           BULKER_MAX_BYTES (10MB), --flush-interval D: BULKER_FLUSH_INTERVAL (1s)
                  --warmup-docs N            unmeasured loader documents first, into an index then deleted (100000; 20000 with --quick)
                  --no-after                 skip the second loader run after the indexer
                  --indexer-heap SIZE        -Xmx of the indexer (512m, as ./dispatcher up runs it)
                  --timeout-seconds N        give up on the indexer after N s (900)""";
    }
}
