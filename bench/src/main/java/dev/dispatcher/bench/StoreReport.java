package dev.dispatcher.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The table on the console, and the store results section of {@code docs/benchmarks.md}. */
final class StoreReport {

    static final String BEGIN = "<!-- BEGIN store results: written by ./dispatcher bench store; edits inside are replaced -->";
    static final String END = "<!-- END store results -->";

    private static final Map<String, String> KINDS = Map.of(
            "sdk-put", "SDK putObject", "sdk-mpu", "SDK multipart PUT (16 MiB parts)", "store-post", "store upload (POST)",
            "sdk-get", "SDK getObject", "store-get", "store GET");

    private final StoreResults r;
    private final StoreOptions o;

    StoreReport(StoreResults r, StoreOptions o) {
        this.r = r;
        this.o = o;
    }

    record Row(String figure, String ours, String baseline, String ratio, String target, String met) {
    }

    List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (int c : o.concurrency) {
            StoreResults.Transfer put = r.transfer("sdk-put", c);
            StoreResults.Transfer mpu = r.transfer("sdk-mpu", c);
            StoreResults.Transfer post = r.transfer("store-post", c);
            StoreResults.Transfer get = r.transfer("sdk-get", c);
            StoreResults.Transfer sget = r.transfer("store-get", c);
            if (put == null && post == null) {
                continue;
            }
            String files = (post != null ? post.files() : put.files()) + " × " + o.sizeMib + " MiB";
            Double up = ratio(post, put);
            rows.add(new Row("upload MB/s, full metadata (" + files + ", " + c + " at a time)", mb(post),
                    mb(put) + " (SDK putObject)", ratio(up), "≥ 0.5×", met(up, 0.5)));
            if (mpu != null) {
                rows.add(new Row("upload MB/s beside a multipart SDK PUT (16 MiB parts in sequence)", mb(post),
                        mb(mpu) + " (SDK multipart)", ratio(ratio(post, mpu)), "", ""));
            }
            Double down = ratio(sget, get);
            rows.add(new Row("GET MB/s (" + files + ", " + c + " at a time)", mb(sget), mb(get) + " (SDK getObject)",
                    ratio(down), "≥ 0.8×", met(down, 0.8)));
        }
        StoreResults.Hash store = r.hashes.get("store");
        StoreResults.Hash jdk4 = r.hashes.get("jdk4");
        double four = separately("alone-md5", "alone-sha1", "alone-sha256", "alone-sha512");
        double six = separately("alone-md5", "alone-sha1", "alone-sha256", "alone-sha512", "alone-tlsh", "alone-ssdeep");
        if (store != null) {
            rows.add(new Row("hashing MB/s, the store's single pass (size, sha256, sha512, sha1, md5, ssdeep, tlsh)",
                    num1(store.mbPerSec()), Double.isNaN(six) ? "n/a" : num1(six) + " (the six one after another)",
                    Double.isNaN(six) ? "" : ratio(store.mbPerSec() / six), "reported", "—"));
        }
        if (jdk4 != null) {
            rows.add(new Row("hashing MB/s, md5 + sha1 + sha256 + sha512 in one pass", num1(jdk4.mbPerSec()),
                    Double.isNaN(four) ? "n/a" : num1(four) + " (the four one after another)",
                    Double.isNaN(four) ? "" : ratio(jdk4.mbPerSec() / four), "reported", "—"));
        }
        return rows;
    }

    /** Rate of computing the given digests one after another over the same bytes: bytes over the sum of their times. */
    private double separately(String... keys) {
        long nanos = 0;
        long bytes = -1;
        for (String k : keys) {
            StoreResults.Hash h = r.hashes.get(k);
            if (h == null) {
                return Double.NaN;
            }
            nanos += h.nanos();
            bytes = h.bytes();
        }
        return bytes / 1e6 / (nanos / 1e9);
    }

    String console() {
        String[] head = {"figure", "dispatcher-store", "baseline", "ratio", "target", "met"};
        return ConsoleTable.render("store benchmark, " + r.date + ", " + r.mode, head,
                rows().stream().map(StoreReport::cells).toList(), r.problems);
    }

    String markdownBlock() {
        StringBuilder s = new StringBuilder();
        s.append(BEGIN).append("\n\n");
        s.append("### Latest store run: ").append(r.date).append(" — ").append(r.mode)
                .append(String.format(" (%.1f min)", r.minutes)).append("\n\n");
        s.append("`").append(o.invocation).append("`\n\n");
        for (Map.Entry<String, String> e : r.machine.entrySet()) {
            s.append("- **").append(e.getKey()).append("**: ").append(e.getValue().replace("|", "\\|")).append('\n');
        }
        s.append("- **setup**: one S3Proxy (`-Xmx512m`), one KRaft broker (512 MB heap) and one dispatcher-store (`-Xmx512m`),")
                .append(" all on this machine with the harness; loopback only; MB = 10^6 bytes\n\n");
        s.append("| figure | dispatcher-store | baseline | ratio | target | met |\n");
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
        if (!r.transfers.isEmpty()) {
            s.append("Transfers (wall time from the first request to the last byte; per-file times of one request each):\n\n");
            s.append("| transfer | at a time | files | seconds | MB/s | median ms per file | max ms | errors |\n");
            s.append("|---|---|---|---|---|---|---|---|\n");
            for (StoreResults.Transfer t : r.transfers) {
                s.append(String.format("| %s | %d | %d | %.1f | %.1f | %.0f | %.0f | %d |%n", KINDS.getOrDefault(t.kind(), t.kind()),
                        t.concurrency(), t.files(), t.seconds(), t.mbPerSec(), t.medianMs(), t.maxMs(), t.errors()));
            }
        }
        if (!r.operations.isEmpty()) {
            s.append("\nThe store's own timers over the same requests (`dispatcher_data_operation_seconds`, mean ms per operation;")
                    .append(" `spool` = reading the body, hashing it and writing the spool file, `identify` = libmagic and the format")
                    .append(" rules, `backend_write` = HEAD + PUT to S3, `upload` = the whole request; `exist`/`download` = the GET's lookup and stream):\n\n");
            s.append("| phase | operations, mean ms |\n|---|---|\n");
            r.operations.forEach((phase, ops) -> s.append("| ").append(phase).append(" | ")
                    .append(StoreBench.describeOps(ops)).append(" |\n"));
        }
        if (!r.hashes.isEmpty()) {
            s.append("\nHashing (the store's Digests with its TLSH and ssdeep threads, as past 1 MiB in the store; every other variant on one thread), ").append(r.hashInfo == null ? "" : r.hashInfo.replace("|", "\\|"))
                    .append(" (a JVM of its own on the store jar's classpath):\n\n");
            s.append("| variant | MB/s |\n|---|---|\n");
            r.hashes.values().forEach(h -> s.append(String.format("| %s | %.1f |%n", h.label(), h.mbPerSec())));
        }
        if (r.sampleAnswer != null) {
            s.append("\nOne upload's answer: `").append(StoreBench.head(r.sampleAnswer).replace("`", "'").replace("|", "\\|")).append("`\n");
        }
        if (!r.cpu.isEmpty()) {
            s.append("\nCPU per phase (cores; 1.00 = one core busy for the whole phase; `harness` includes the SDK baseline's client):\n\n");
            s.append("| phase | seconds | store | s3proxy | broker | harness | other | machine |\n|---|---|---|---|---|---|---|---|\n");
            r.cpu.forEach((phase, share) -> s.append(String.format("| %s | %.1f | %s | %s | %s | %s | %s | %s |%n", phase,
                    share.seconds(), core(share, "store"), core(share, "s3proxy"), core(share, "broker"), core(share, "harness"),
                    core(share, "other"), core(share, "machine"))));
        }
    }

    private static String core(Cpu.Share share, String name) {
        Double c = share.cores().get(name);
        return c == null ? "—" : String.format("%.2f", c);
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

    private static String[] cells(Row row) {
        return new String[] {row.figure(), row.ours(), row.baseline(), row.ratio(), row.target(), row.met()};
    }

    private static Double ratio(StoreResults.Transfer ours, StoreResults.Transfer base) {
        if (ours == null || base == null || ours.errors() > 0 || base.errors() > 0 || base.mbPerSec() <= 0) {
            return null;
        }
        return ours.mbPerSec() / base.mbPerSec();
    }

    private static String mb(StoreResults.Transfer t) {
        if (t == null) {
            return "not measured";
        }
        return String.format("%.1f", t.mbPerSec()) + (t.errors() > 0 ? " (" + t.errors() + " failed)" : "");
    }

    private static String num1(double v) {
        return String.format("%.1f", v);
    }

    private static String ratio(Double v) {
        return v == null || v.isNaN() ? "" : String.format("%.2f×", v);
    }

    private static String met(Double ratio, double target) {
        return ratio == null ? "not measured" : ratio >= target ? "yes" : "**no**";
    }
}
