package dev.dispatcher.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The table on the console, and the results section of {@code docs/benchmarks.md}. */
final class Report {

    static final String BEGIN = "<!-- BEGIN events-api results: written by ./dispatcher bench events-api; edits inside are replaced -->";
    static final String END = "<!-- END events-api results -->";

    private final Results r;
    private final Options o;

    Report(Results r, Options o) {
        this.r = r;
        this.o = o;
    }

    /** One line of the summary: our figure beside Kafka's, the target from issue 3 and whether it is met. */
    record Row(String figure, String ours, String baseline, String ratio, String target, String met) {
    }

    List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        Results.PublishRun p = r.publish;
        Results.ProducerPerf pp = r.producer;
        if (!o.phases.contains("publish")) {
            // not run
        } else if (p != null) {
            Double ratio = pp == null ? null : p.eventsPerSec() / pp.recordsPerSec();
            rows.add(new Row("HTTP publish, events/s (" + o.recordSize + " B events, arrays of " + o.batch + ", sync=true, "
                    + p.clients() + " clients)", num(p.eventsPerSec()),
                    pp == null ? "n/a" : num(pp.recordsPerSec()) + " (ProducerPerformance)", ratio(ratio), "≥ 0.5×",
                    met(ratio, ratio != null && ratio >= 0.5)));
            Double mib = pp == null ? null : p.mibPerSec() / pp.mibPerSec();
            rows.add(new Row("HTTP publish, MiB/s of event JSON", String.format("%.1f", p.mibPerSec()),
                    pp == null ? "n/a" : String.format("%.1f (ProducerPerformance)", pp.mibPerSec()), ratio(mib), "", ""));
        } else {
            rows.add(new Row("HTTP publish, events/s", "failed", pp == null ? "n/a" : num(pp.recordsPerSec()), "", "≥ 0.5×", "not measured"));
        }
        Results.FetchRun f = r.fetch;
        Results.ConsumerPerf cp = r.consumer;
        if (!o.phases.contains("fetch")) {
            // not run
        } else if (f != null) {
            Double ratio = cp == null ? null : f.eventsPerSec() / cp.recordsPerSec();
            rows.add(new Row("active fetch, events/s (count=" + o.fetchCount + ", " + f.fetchers() + " fetchers of one plugin"
                    + (f.drained() ? ", drained" : ", NOT drained") + ")", num(f.eventsPerSec()),
                    cp == null ? "n/a" : num(cp.recordsPerSec()) + " (ConsumerPerformance)", ratio(ratio), "≥ 0.3×",
                    met(ratio, ratio != null && ratio >= 0.3)));
        } else {
            rows.add(new Row("active fetch, events/s", "failed", cp == null ? "n/a" : num(cp.recordsPerSec()), "", "≥ 0.3×", "not measured"));
        }
        Results.LatencyRun l = r.latency;
        if (!o.phases.contains("latency")) {
            // not run
        } else if (l != null && l.samples() > 0) {
            rows.add(new Row("long-poll, publish ack → poll return, p50 / p95 / p99 ms (" + l.samples() + " samples"
                    + (l.misses() > 0 ? ", " + l.misses() + " misses" : "") + ")",
                    String.format("%.1f / %.1f / %.1f", l.p50(), l.p95(), l.p99()), "—", "", "p99 ≤ 100 ms",
                    l.p99() <= 100 && l.misses() == 0 ? "yes" : "**no**"));
        } else {
            rows.add(new Row("long-poll p99 ms", "failed", "—", "", "p99 ≤ 100 ms", "not measured"));
        }
        for (Results.IdleRun i : r.idle) {
            String who = i.mode().equals("one") ? "one plugin" : i.polls() + " distinct plugins";
            double delta = i.heapDeltaMb();
            rows.add(new Row(i.polls() + " idle long-polls (" + who + "), heap after full GC, MB",
                    Double.isNaN(delta) ? "failed" : String.format("%+.0f (%.0f → %.0f)", delta, i.before().heapMb(), i.during().heapMb()),
                    "—", "", "< 200 MB", Double.isNaN(delta) ? "not measured" : delta < 200 ? "yes" : "**no**"));
            if (i.publish() != null && i.control() != null) {
                double ratio = i.publish().eventsPerSec() / i.control().eventsPerSec();
                rows.add(new Row("HTTP publish while they wait (" + who + "), events/s", num(i.publish().eventsPerSec()),
                        num(i.control().eventsPerSec()) + " (the same publish just before, no polls)", ratio(ratio),
                        "no slowdown (≥ 0.9×)", ratio >= 0.9 ? "yes" : "**no**"));
            }
        }
        return rows;
    }

    String console() {
        String[] head = {"figure", "dispatcher-api", "Kafka / reference", "ratio", "target", "met"};
        return ConsoleTable.render("events-api benchmark, " + r.date + ", " + r.mode, head,
                rows().stream().map(Report::cells).toList(), r.problems);
    }

    private static String[] cells(Row row) {
        return new String[] {row.figure(), row.ours(), row.baseline(), row.ratio(), row.target(), row.met()};
    }

    /** The generated section of docs/benchmarks.md, between {@link #BEGIN} and {@link #END}. */
    String markdownBlock() {
        StringBuilder s = new StringBuilder();
        s.append(BEGIN).append("\n\n");
        s.append("### Latest run: ").append(r.date).append(" — ").append(r.mode)
                .append(String.format(" (%.1f min)", r.minutes)).append("\n\n");
        s.append("`").append(o.invocation).append("`\n\n");
        for (Map.Entry<String, String> e : r.machine.entrySet()) {
            s.append("- **").append(e.getKey()).append("**: ").append(e.getValue().replace("|", "\\|")).append('\n');
        }
        s.append("- **setup**: one KRaft broker (1 GB heap) and one dispatcher-api (`-Xmx1g`), both on this machine with the")
                .append(" load generators; every topic 6 partitions, replication 1; loopback only\n\n");
        s.append("| figure | dispatcher-api | Kafka / reference | ratio | target | met |\n");
        s.append("|---|---|---|---|---|---|\n");
        for (Row row : rows()) {
            s.append("| ").append(String.join(" | ", cells(row))).append(" |\n");
        }
        s.append('\n');
        details(s);
        if (!r.problems.isEmpty()) {
            s.append("\n**Problems in this run**\n\n");
            r.problems.forEach(p -> s.append("- ").append(p.replace("\n", " ")).append('\n'));
        }
        s.append('\n').append(END).append('\n');
        return s.toString();
    }

    private void details(StringBuilder s) {
        s.append("Details:\n\n");
        if (r.producer != null) {
            s.append(String.format("- ProducerPerformance: %,d records of %d B, acks=all, no compression, default batching:"
                            + " %,.0f records/s, %.1f MiB/s, latency avg %.0f ms, p99 %.0f ms.%n", r.producer.records(), o.recordSize,
                    r.producer.recordsPerSec(), r.producer.mibPerSec(), r.producer.avgLatencyMs(), r.producer.p99LatencyMs()));
        }
        if (r.consumer != null) {
            s.append(String.format("- ConsumerPerformance: the same %,d records, one consumer: %,.0f records/s including the"
                            + " group join (%.0f ms), %,.0f/s once joined, %.1f MiB/s.%n", r.consumer.records(),
                    r.consumer.recordsPerSec(), r.consumer.rebalanceMs(), r.consumer.fetchRecordsPerSec(), r.consumer.mibPerSec()));
        }
        if (r.publish != null) {
            Results.PublishRun p = r.publish;
            s.append(String.format("- HTTP publish: %,d events accepted in %.1f s (%,d requests); request p50 %.0f ms, p99 %.0f ms;"
                            + " %d events refused, %d requests failed.%s%n", p.eventsOk(), p.seconds(), p.requests(),
                    p.requestP50Ms(), p.requestP99Ms(), p.eventFailures(), p.requestErrors(),
                    p.firstError() == null ? "" : " First error: `" + p.firstError().replace("`", "'") + "`"));
        }
        if (r.fetch != null) {
            Results.FetchRun f = r.fetch;
            s.append(String.format("- Active fetch: %,d of %,d events in %.1f s, %,d requests (%,d empty); first events after"
                            + " %.1f s (consumers joining), %,.0f events/s from then on; %.1f MiB/s of response JSON.%s%n",
                    f.fetched(), f.expected(), f.seconds(), f.requests(), f.emptyAnswers(), f.secondsToFirstEvent(),
                    f.steadyEventsPerSec(), f.mibPerSec(),
                    f.firstError() == null ? "" : " First error: `" + f.firstError().replace("`", "'") + "`"));
        }
        if (r.latency != null) {
            Results.LatencyRun l = r.latency;
            s.append(String.format("- Long-poll latency: %d samples, %d misses; publish ack → poll return p50 %.1f, p95 %.1f,"
                            + " p99 %.1f, max %.1f ms (%d polls returned before the publisher had its ack, counted as 0);"
                            + " publish sent → poll return p50 %.1f, p99 %.1f ms.%n", l.samples(), l.misses(), l.p50(), l.p95(),
                    l.p99(), l.max(), l.returnedBeforeAck(), l.sendP50(), l.sendP99()));
        }
        if (!r.idle.isEmpty()) {
            s.append("\nIdle long-polls (`timeout=").append(o.idleTimeoutSeconds)
                    .append("`, subscribed to `augmented` only so that the published `sourced` events never wake them):\n\n");
            s.append("| plugins | heap before → waiting (full GC), MB | platform threads before → waiting | Kafka consumers open | api RSS, MB | heap right after publishing (no GC), MB | polls answered / errors |\n");
            s.append("|---|---|---|---|---|---|---|\n");
            for (Results.IdleRun i : r.idle) {
                if (i.during() == null) {
                    s.append("| ").append(i.mode()).append(" | failed | | | | | ").append(i.answered()).append(" / ").append(i.errors()).append(" |\n");
                    continue;
                }
                s.append(String.format("| %s | %.0f → %.0f (%+.0f) | %.0f → %.0f | %.0f → %.0f | %.0f → %.0f | %s | %d / %d |%n",
                        i.mode().equals("one") ? "1 (" + i.polls() + " polls)" : i.polls() + " (1 poll each)",
                        i.before().heapMb(), i.during().heapMb(), i.heapDeltaMb(), i.before().liveThreads(), i.during().liveThreads(),
                        i.before().consumersOpen(), i.during().consumersOpen(), i.before().rssMb(), i.during().rssMb(),
                        i.duringPublish() == null ? "—" : String.format("%.0f", i.duringPublish().heapMb()),
                        i.answered(), i.errors()));
            }
        }
        if (!r.cpu.isEmpty()) {
            s.append("\nCPU per phase (cores; 1.00 = one core busy for the whole phase; `other` = Kafka's perf tools and anything else):\n\n");
            s.append("| phase | seconds | broker | api | harness | other | machine |\n|---|---|---|---|---|---|---|\n");
            r.cpu.forEach((phase, share) -> s.append(String.format("| %s | %.0f | %s | %s | %s | %s | %s |%n", phase, share.seconds(),
                    core(share, "broker"), core(share, "api"), core(share, "harness"), core(share, "other"), core(share, "machine"))));
        }
    }

    private static String core(Cpu.Share share, String name) {
        Double c = share.cores().get(name);
        return c == null ? "—" : String.format("%.2f", c);
    }

    /** Replaces the generated section (or appends it), leaving the hand-written rest of the file alone. */
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

    private static String num(double v) {
        return String.format("%,.0f", v);
    }

    private static String ratio(Double v) {
        return v == null || v.isNaN() ? "" : String.format("%.2f×", v);
    }

    private static String met(Double ratio, boolean met) {
        return ratio == null ? "no baseline" : met ? "yes" : "**no**";
    }
}
