package dev.dispatcher.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The indexer run as a console table and as the Markdown block of docs/benchmarks.md. */
final class IndexerReport {

    static final String BEGIN = "<!-- BEGIN indexer results: written by ./dispatcher bench indexer; edits inside are replaced -->";
    static final String END = "<!-- END indexer results -->";
    static final double TARGET = 0.8;

    private final IndexerResults r;
    private final IndexerOptions o;

    IndexerReport(IndexerResults r, IndexerOptions o) {
        this.r = r;
        this.o = o;
    }

    /** The faster of the loader's runs (before and after the indexer): the ratio never flatters the indexer. */
    private double baselineRate() {
        double before = o.docs / r.baselineSeconds;
        double after = o.docs / r.afterSeconds;
        return Double.isNaN(after) ? before : Math.max(before, after);
    }

    private double indexerRate() {
        return o.docs / r.indexerSeconds();
    }

    private double ratio() {
        return indexerRate() / baselineRate();
    }

    private String mb(long bytes) {
        return String.format("%.0f", bytes / 1e6);
    }

    List<String[]> throughput() {
        List<String[]> rows = new ArrayList<>();
        double bytesPerDoc = r.preloadBytes / (double) o.docs;
        rows.add(new String[] {"preload: harness KafkaProducer → topic (" + o.partitions + " partitions)", fmt(o.docs),
            sec(r.preloadSeconds), rate(o.docs / r.preloadSeconds), String.format("%.1f", r.preloadBytes / 1e6 / r.preloadSeconds), ""});
        rows.add(new String[] {"baseline: plain `_bulk` loader → `" + IndexerBench.BASELINE_INDEX + "`", fmt(o.docs), sec(r.baselineSeconds),
            rate(o.docs / r.baselineSeconds), String.format("%.1f", o.docs * bytesPerDoc / 1e6 / r.baselineSeconds),
            String.format("%.2f×", o.docs / r.baselineSeconds / baselineRate())});
        rows.add(new String[] {"dispatcher-indexer: topic → `" + IndexerBench.INDEX + "` (start of consumption to last document)", fmt(o.docs),
            sec(r.indexerSeconds()), rate(indexerRate()), String.format("%.1f", o.docs * bytesPerDoc / 1e6 / r.indexerSeconds()),
            Double.isNaN(ratio()) ? "—" : String.format("**%.2f×**", ratio())});
        if (!Double.isNaN(r.afterSeconds)) {
            rows.add(new String[] {"baseline again, after the indexer → `" + IndexerBench.AFTER_INDEX + "`", fmt(o.docs),
                sec(r.afterSeconds), rate(o.docs / r.afterSeconds), String.format("%.1f", o.docs * bytesPerDoc / 1e6 / r.afterSeconds),
                String.format("%.2f×", o.docs / r.afterSeconds / baselineRate())});
        }
        return rows;
    }

    /** Heap by quarter of the documents indexed: lowest (≈ after a GC) and highest sample in each. */
    List<String[]> heap() {
        List<String[]> rows = new ArrayList<>();
        List<IndexerResults.Sample> during = r.heap.stream().filter(s -> s.indexed() > 0).toList();
        for (int q = 0; q < 4; q++) {
            long from = o.docs * q / 4;
            long to = o.docs * (q + 1) / 4;
            List<IndexerResults.Sample> in = during.stream().filter(s -> s.indexed() > from && s.indexed() <= to).toList();
            if (in.isEmpty()) {
                rows.add(new String[] {quarter(q), "0", "—", "—"});
                continue;
            }
            long min = in.stream().mapToLong(IndexerResults.Sample::heap).min().orElse(0);
            long max = in.stream().mapToLong(IndexerResults.Sample::heap).max().orElse(0);
            rows.add(new String[] {quarter(q), Integer.toString(in.size()), mb(min), mb(max)});
        }
        if (!r.heapAfter.isEmpty()) {
            long min = r.heapAfter.stream().mapToLong(IndexerResults.Sample::heap).min().orElse(0);
            long max = r.heapAfter.stream().mapToLong(IndexerResults.Sample::heap).max().orElse(0);
            rows.add(new String[] {"idle, 5 s after the last document", Integer.toString(r.heapAfter.size()), mb(min), mb(max)});
        }
        return rows;
    }

    private String quarter(int q) {
        return String.format("documents %d–%d %%", q * 25, (q + 1) * 25);
    }

    String heapSummary() {
        List<IndexerResults.Sample> during = r.heap.stream().filter(s -> s.indexed() > 0).toList();
        if (during.isEmpty()) {
            return "no heap samples while indexing";
        }
        long max = during.stream().mapToLong(IndexerResults.Sample::heap).max().orElse(0);
        IndexerResults.Sample last = during.getLast();
        return String.format("%d samples every %d ms while indexing: max %s MB, last %s MB (at %,d documents), -Xmx%s",
                during.size(), o.pollMillis, mb(max), mb(last.heap()), last.indexed(), o.indexerHeap);
    }

    List<String[]> cpu() {
        List<String[]> rows = new ArrayList<>();
        cpuRow(rows, "preload", r.preloadCpu);
        cpuRow(rows, "baseline loader", r.baselineCpu);
        cpuRow(rows, "dispatcher-indexer", r.indexerCpu);
        cpuRow(rows, "baseline loader, after", r.afterCpu);
        return rows;
    }

    private static void cpuRow(List<String[]> rows, String name, Cpu.Share s) {
        if (s == null) {
            return;
        }
        rows.add(new String[] {name, core(s, "indexer"), core(s, "opensearch"), core(s, "broker"), core(s, "harness"),
            core(s, "other"), core(s, "machine")});
    }

    private static String core(Cpu.Share share, String name) {
        Double c = share.cores().get(name);
        return c == null ? "—" : String.format("%.2f", c);
    }

    String verdict() {
        if (Double.isNaN(ratio())) {
            return "no ratio (a phase failed)";
        }
        return String.format("indexer / loader = %.2f× (the faster loader run; target ≥ %.1f×: %s)", ratio(), TARGET,
                ratio() >= TARGET ? "met" : "missed");
    }

    String console() {
        StringBuilder s = new StringBuilder();
        s.append("indexer benchmark, ").append(r.mode).append(", ").append(r.date).append(String.format(" (%.1f min)%n", r.minutes));
        s.append(r.settings).append('\n');
        table(s, new String[] {"phase", "docs", "s", "docs/s", "MB/s", "ratio"}, throughput(), false);
        s.append(verdict()).append('\n');
        s.append("heap: ").append(heapSummary()).append('\n');
        table(s, new String[] {"indexer heap", "samples", "min MB", "max MB"}, heap(), false);
        table(s, new String[] {"cores", "indexer", "opensearch", "broker", "harness", "other", "machine"}, cpu(), false);
        if (r.indexerMetrics != null) {
            s.append("indexer metrics at the end: ").append(metrics()).append('\n');
        }
        if (r.indexerReadySeconds >= 0) {
            s.append(String.format("indexer: /metrics up %.1f s, consumption started %.1f s, last document %.1f s after its JVM started%n",
                    r.indexerReadySeconds, r.indexerFirstSeconds, r.indexerDoneSeconds));
        }
        for (String p : r.problems) {
            s.append("PROBLEM: ").append(p).append('\n');
        }
        return s.toString();
    }

    private String metrics() {
        IndexerBench.Metrics m = r.indexerMetrics;
        return String.format("indexed %,d, failed %,d, bulk errors %d, bulk retries %d, consumer lag %,d; %s", m.indexed(),
                m.failed(), m.bulkErrors(), m.retries(), m.lag(), m.flushed().isEmpty() ? "no flush counters" : m.flushed());
    }

    String markdownBlock() {
        StringBuilder s = new StringBuilder();
        s.append(BEGIN).append("\n\n");
        s.append("### Latest indexer run: ").append(r.date).append(" — ").append(r.mode)
                .append(String.format(" (%.1f min)%n%n", r.minutes));
        s.append('`').append(o.invocation).append("`\n\n");
        r.machine.forEach((k, v) -> s.append("- **").append(k).append("**: ").append(v).append('\n'));
        s.append("- **settings**: ").append(r.settings).append('\n');
        if (r.indexerCommand != null) {
            s.append("- **indexer**: `").append(r.indexerCommand).append("`\n");
        }
        s.append('\n');
        table(s, new String[] {"phase", "documents", "seconds", "docs/s", "MB/s", "ratio"}, throughput(), true);
        s.append('\n').append("**").append(verdict()).append("**\n\n");
        s.append("Indexer heap (`jvm_memory_used_bytes{area=\"heap\"}` from `/metrics`): ").append(heapSummary()).append(".\n\n");
        table(s, new String[] {"while indexing", "samples", "lowest MB", "highest MB"}, heap(), true);
        s.append("\nCores used per phase (from `/proc`; 2.00 = both cores of a 2-core machine):\n\n");
        table(s, new String[] {"phase", "indexer", "opensearch", "broker", "harness", "other", "machine"}, cpu(), true);
        s.append('\n');
        if (r.indexerMetrics != null) {
            s.append("Indexer metrics at the end: ").append(metrics()).append(".\n");
        }
        if (r.indexerReadySeconds >= 0) {
            s.append(String.format("Indexer JVM start to `/metrics` answering: %.1f s; to the start of consumption (first scrape with a lag or a document in): %.1f s; to the last document: %.1f s.%n",
                    r.indexerReadySeconds, r.indexerFirstSeconds, r.indexerDoneSeconds));
        }
        s.append(String.format("`_count` afterwards: `%s` %,d, `%s` %,d, `%s` %,d; loader retries after 429: %d.%n",
                IndexerBench.BASELINE_INDEX, r.baselineCount, IndexerBench.INDEX, r.indexerCount, IndexerBench.AFTER_INDEX, r.afterCount,
                r.baselineRetries.get()));
        for (String p : r.problems) {
            s.append("\n- **problem**: ").append(p).append('\n');
        }
        s.append('\n').append(END).append('\n');
        return s.toString();
    }

    void updateDocs(Path docs) throws IOException {
        String block = markdownBlock();
        String text = Files.exists(docs) ? Files.readString(docs, StandardCharsets.UTF_8) : "";
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        String updated;
        if (begin >= 0 && end > begin) {
            updated = text.substring(0, begin) + block.stripTrailing() + text.substring(end + END.length());
        } else if (text.isEmpty()) {
            updated = "# Benchmarks\n\n" + block;
        } else {
            updated = text.stripTrailing() + "\n\n" + block;
        }
        Files.writeString(docs, updated, StandardCharsets.UTF_8);
    }

    private static void table(StringBuilder s, String[] head, List<String[]> rows, boolean markdown) {
        if (markdown) {
            s.append("| ").append(String.join(" | ", head)).append(" |\n|");
            for (int i = 0; i < head.length; i++) {
                s.append(i == 0 ? "---|" : "---:|");
            }
            s.append('\n');
            for (String[] row : rows) {
                s.append("| ").append(String.join(" | ", row)).append(" |\n");
            }
            return;
        }
        int[] w = new int[head.length];
        for (int i = 0; i < head.length; i++) {
            w[i] = head[i].length();
            for (String[] row : rows) {
                w[i] = Math.max(w[i], row[i].length());
            }
        }
        line(s, head, w);
        for (String[] row : rows) {
            line(s, row, w);
        }
    }

    private static void line(StringBuilder s, String[] cells, int[] w) {
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i].replace("**", "").replace("`", "");
            s.append(i == 0 ? String.format("%-" + w[i] + "s", c) : String.format("  %" + w[i] + "s", c));
        }
        s.append('\n');
    }

    private static String fmt(long n) {
        return String.format("%,d", n);
    }

    private static String sec(double s) {
        return Double.isNaN(s) ? "—" : String.format("%.1f", s);
    }

    private static String rate(double r) {
        return Double.isNaN(r) || Double.isInfinite(r) ? "—" : String.format("%,.0f", r);
    }
}
