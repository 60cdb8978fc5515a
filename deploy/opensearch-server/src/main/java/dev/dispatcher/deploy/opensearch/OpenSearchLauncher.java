package dev.dispatcher.deploy.opensearch;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.logging.log4j.LogManager;
import org.codelibs.opensearch.runner.OpenSearchRunner;

/** Runs one real OpenSearch node in this JVM (tests, {@code ./dispatcher up}) and reports when it is ready. */
public final class OpenSearchLauncher {

    /** The only line this process writes to stdout; parents wait for it. */
    static final String READY_PREFIX = "OPENSEARCH READY ";

    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(green|yellow|red)\"");

    private OpenSearchLauncher() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("opensearch-launcher: " + e.getMessage());
            System.err.println("usage: OpenSearchLauncher --http-port N --transport-port N --data DIR"
                    + " [--cluster-name NAME] [--startup-timeout SECONDS] [--exit-on-stdin-eof]");
            System.exit(2);
            return;
        }

        // Log4j's own shutdown hook would race ours and drop the node's last log lines; ours stops log4j
        // after the node is closed.
        System.setProperty("log4j.shutdownHookEnabled", "false");
        // The runner and OpenSearch's console logger both print to System.out; parents parse stdout for
        // the READY line, so everything else goes to stderr and the real stdout is kept for that line only.
        // OpenSearch later replaces System.err with a logger stream, so keep the real one for our messages.
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        System.setOut(stderr);

        Path base = options.data.toAbsolutePath();
        Files.createDirectories(base);

        OpenSearchRunner runner = new OpenSearchRunner();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stderr.println("opensearch-launcher: stopping node");
                runner.close();
                stderr.println("opensearch-launcher: node stopped");
            } catch (IOException | RuntimeException e) {
                stderr.println("opensearch-launcher: error while stopping: " + e);
            } finally {
                LogManager.shutdown();
                stopped.countDown();
            }
        }, "opensearch-launcher-shutdown"));

        if (options.exitOnStdinEof) {
            // A parent that dies (even by SIGKILL) closes our stdin pipe; exiting then keeps a killed test
            // JVM from leaving an orphaned node holding ports and data locks.
            Thread watcher = new Thread(() -> {
                try (InputStream in = System.in) {
                    byte[] buffer = new byte[256];
                    while (in.read(buffer) >= 0) {
                        // discard: stdin only signals the parent's liveness
                    }
                } catch (IOException ignored) {
                    // a broken pipe means the same as EOF
                }
                stderr.println("opensearch-launcher: stdin closed, exiting");
                System.exit(0);
            }, "opensearch-launcher-stdin");
            watcher.setDaemon(true);
            watcher.start();
        }

        // The runner lays out DIR/node_1/{config,data,logs}; reusing DIR keeps indices between runs.
        // With one node the runner itself picks single-node discovery, so it is deliberately not set here.
        runner.onBuild((index, settings) -> {
            settings.put("network.host", "127.0.0.1");
            settings.put("http.port", String.valueOf(options.httpPort));
            settings.put("transport.port", String.valueOf(options.transportPort));
            // Dev machines are often fuller than OpenSearch's 85/90 % watermarks; without this, shards stay
            // unassigned and indices go read-only.
            settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
        });
        // The runner derives the HTTP port as baseHttpPort + node index and, by default, probes only up to
        // 9299; a negative maximum makes it take our port as given (http.port above wins anyway).
        runner.setMaxHttpPort(-1);
        try {
            runner.build(OpenSearchRunner.newConfigs()
                    .basePath(base.toString())
                    .numOfNode(1)
                    .baseHttpPort(options.httpPort - 1)
                    .clusterName(options.clusterName));
        } catch (RuntimeException e) {
            stderr.println("opensearch-launcher: node failed to start");
            e.printStackTrace(stderr);
            System.exit(1);
            return;
        }

        String url = "http://127.0.0.1:" + options.httpPort;
        if (!awaitHealthy(url, options.startupTimeout)) {
            stderr.println("opensearch-launcher: cluster not healthy within " + options.startupTimeout.toSeconds() + " s");
            System.exit(1);
            return;
        }
        stdout.println(READY_PREFIX + url);
        stdout.flush();

        // Keep the JVM alive until the shutdown hook has closed the node (SIGTERM, SIGINT or stdin EOF).
        stopped.await();
    }

    /** Polls the HTTP health endpoint, so READY means the node answers clients, not just that it started. */
    private static boolean awaitHealthy(String url, Duration timeout) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/_cluster/health?wait_for_status=yellow&timeout=2s"))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                Matcher status = STATUS.matcher(response.body());
                if (response.statusCode() == 200 && status.find() && !"red".equals(status.group(1))) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        return false;
    }

    /** Command-line options. */
    private record Options(int httpPort, int transportPort, Path data, String clusterName, Duration startupTimeout,
                           boolean exitOnStdinEof) {

        static Options parse(String[] args) {
            Integer httpPort = null;
            Integer transportPort = null;
            Path data = null;
            String clusterName = "dispatcher";
            Duration startupTimeout = Duration.ofSeconds(120);
            boolean exitOnStdinEof = false;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--http-port" -> httpPort = port(arg, value(args, ++i, arg));
                    case "--transport-port" -> transportPort = port(arg, value(args, ++i, arg));
                    case "--data" -> data = Path.of(value(args, ++i, arg));
                    case "--cluster-name" -> clusterName = value(args, ++i, arg);
                    case "--startup-timeout" -> startupTimeout = Duration.ofSeconds(number(arg, value(args, ++i, arg)));
                    case "--exit-on-stdin-eof" -> exitOnStdinEof = true;
                    default -> throw new IllegalArgumentException("unknown argument: " + arg);
                }
            }
            if (httpPort == null || transportPort == null || data == null) {
                throw new IllegalArgumentException("--http-port, --transport-port and --data are required");
            }
            if (httpPort.equals(transportPort)) {
                throw new IllegalArgumentException("--http-port and --transport-port must differ");
            }
            return new Options(httpPort, transportPort, data, clusterName, startupTimeout, exitOnStdinEof);
        }

        private static String value(String[] args, int i, String name) {
            if (i >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            return args[i];
        }

        private static int port(String name, String value) {
            int port = number(name, value);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(name + " out of range: " + value);
            }
            return port;
        }

        private static int number(String name, String value) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " is not a number: " + value);
            }
        }
    }
}
