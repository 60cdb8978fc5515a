package dev.dispatcher.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The dispatcher-api under test: its HTTP routes, its metrics, its JVM. */
final class Api {

    private static final Pattern TOTAL_OK = Pattern.compile("\"total_ok\"\\s*:\\s*(\\d+)");
    private static final Pattern TOTAL_FAILURES = Pattern.compile("\"total_failures\"\\s*:\\s*(\\d+)");
    private static final Pattern FETCHED = Pattern.compile("\"fetched\"\\s*:\\s*(\\d+)");
    private static final Pattern NOT_READY = Pattern.compile("\"consumers_not_ready\"\\s*:\\s*\"([^\"]*)\"");

    final URI base;
    final long pid;

    Api(URI base, long pid) {
        this.base = base;
        this.pid = pid;
    }

    /** HTTP/1.1 (what plugins speak), no upgrade attempt. */
    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    HttpRequest publish(byte[] body) {
        return HttpRequest.newBuilder(base.resolve("/api/v2/event?sync=true"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    /** {@code GET /api/v2/event/binary/active} with the given query (name=value pairs, values encoded here). */
    HttpRequest active(Duration requestTimeout, String... query) {
        StringBuilder q = new StringBuilder();
        for (int i = 0; i < query.length; i += 2) {
            q.append(i == 0 ? '?' : '&').append(query[i]).append('=')
                    .append(URLEncoder.encode(query[i + 1], StandardCharsets.UTF_8));
        }
        return HttpRequest.newBuilder(base.resolve("/api/v2/event/binary/active" + q))
                .timeout(requestTimeout).header("Accept", "application/json").GET().build();
    }

    /** Publish answer: accepted events, failed events. */
    record Published(int ok, int failures) {
    }

    static Published published(String body) {
        return new Published(group(TOTAL_OK, body), group(TOTAL_FAILURES, body));
    }

    /** {@code info.fetched} of a fetch answer (looked for before the events, which are ours and never contain it). */
    static int fetched(String body) {
        int events = body.indexOf("\"events\"");
        return group(FETCHED, events > 0 ? body.substring(0, events) : body);
    }

    /** Whether every consumer of the fetch owned its partitions ({@code info.consumers_not_ready} empty). */
    static boolean ready(String body) {
        Matcher m = NOT_READY.matcher(body);
        return m.find() && m.group(1).isEmpty();
    }

    private static int group(Pattern p, String body) {
        Matcher m = p.matcher(body);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    // ------------------------------------------------------------------------------------------
    // The api's JVM, as a dashboard would see it.

    /** A scrape of the figures the benchmark reads; NaN where a metric was missing. */
    record Vitals(double heapBytes, double liveThreads, double consumersOpen, double consumersOpened,
                  double historiesDone, long rssBytes, double jitMillis) {

        double heapMb() {
            return heapBytes / (1024 * 1024);
        }

        double rssMb() {
            return rssBytes / (1024.0 * 1024);
        }
    }

    /**
     * Sums {@code jvm_memory_used_bytes{area="heap"}} and reads thread and consumer gauges and the JIT's
     * accumulated compile time ({@code jvm_compilation_time_ms_total}) from {@code /metrics}.
     */
    Vitals vitals(HttpClient http) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/metrics"))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        double heap = 0;
        boolean heapSeen = false;
        Map<String, Double> plain = new LinkedHashMap<>();
        for (String line : r.body().split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            String name = line.substring(0, space);
            double value;
            try {
                value = Double.parseDouble(line.substring(space + 1).trim());
            } catch (NumberFormatException e) {
                continue;
            }
            if (name.startsWith("jvm_memory_used_bytes{") && name.contains("area=\"heap\"")) {
                heap += value;
                heapSeen = true;
            }
            int brace = name.indexOf('{');
            plain.merge(brace < 0 ? name : name.substring(0, brace), value, Double::sum);
        }
        return new Vitals(heapSeen ? heap : Double.NaN,
                plain.getOrDefault("jvm_threads_live_threads", Double.NaN),
                plain.getOrDefault("dispatcher_consumers_open", Double.NaN),
                plain.getOrDefault("dispatcher_consumers_opened_total", Double.NaN),
                plain.getOrDefault("dispatcher_consumers_history_done_total", Double.NaN),
                rss(pid), plain.getOrDefault("jvm_compilation_time_ms_total", Double.NaN));
    }

    /** Full GC in the api ({@code jcmd <pid> GC.run}) so that heap figures compare live data. */
    void fullGc(Path log) throws IOException, InterruptedException {
        Tools.run(log, Duration.ofSeconds(60), Tools.jdkTool("jcmd"), Long.toString(pid), "GC.run");
    }

    static long rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // gone, or not Linux
        }
        return -1;
    }

    boolean alive() {
        return pid <= 0 || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
