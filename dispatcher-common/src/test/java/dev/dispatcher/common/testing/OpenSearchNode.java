package dev.dispatcher.common.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * One real OpenSearch node per test JVM, started on first use: a container when a Docker engine is
 * reachable, otherwise the deploy/opensearch-server launcher as a child JVM. Stopped when the JVM exits.
 *
 * <p>Auto-created indices want one replica and stay yellow on a single node: create test indices (or an
 * index template) with {@code number_of_replicas: 0}. System properties as for {@link S3Server}.
 */
public final class OpenSearchNode {

    static final String IMAGE = "opensearchproject/opensearch:3";
    private static final String LAUNCHER = "dev.dispatcher.deploy.opensearch.OpenSearchLauncher";
    private static final String READY_PREFIX = "OPENSEARCH READY ";
    // A cold node takes ~7 s here; the bound covers a loaded 2-core CI machine.
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(150);

    private static volatile URI httpUri;

    private OpenSearchNode() {
    }

    /** Base URI of the node's REST API, e.g. {@code http://127.0.0.1:40123}; starts the node if needed. */
    public static URI httpUri() {
        URI uri = httpUri;
        if (uri == null) {
            synchronized (OpenSearchNode.class) {
                if (httpUri == null) {
                    httpUri = start();
                }
                uri = httpUri;
            }
        }
        return uri;
    }

    /** Host of {@link #httpUri()}, for settings that take host and port apart. */
    public static String host() {
        return httpUri().getHost();
    }

    /** Port of {@link #httpUri()}. */
    public static int port() {
        return httpUri().getPort();
    }

    private static URI start() {
        if (Boolean.getBoolean("dispatcher.test.containers") || S3Server.dockerAvailable()) {
            return startContainer();
        }
        return startChild();
    }

    private static URI startContainer() {
        GenericContainer<?> container = new GenericContainer<>(IMAGE)
                .withExposedPorts(9200)
                .withEnv("discovery.type", "single-node")
                .withEnv("DISABLE_SECURITY_PLUGIN", "true")
                .withEnv("DISABLE_INSTALL_DEMO_CONFIG", "true")
                .withEnv("OPENSEARCH_JAVA_OPTS", "-Xms512m -Xmx512m")
                .withEnv("cluster.routing.allocation.disk.threshold_enabled", "false")
                .waitingFor(Wait.forHttp("/_cluster/health?wait_for_status=yellow&timeout=1s")
                        .forPort(9200)
                        .forStatusCode(200)
                        .withStartupTimeout(STARTUP_TIMEOUT));
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "opensearch-container-stop"));
        return URI.create("http://" + container.getHost() + ":" + container.getMappedPort(9200));
    }

    private static URI startChild() {
        OpenSearchProcess node = OpenSearchProcess.create();
        node.start();
        return node.httpUri();
    }

    /**
     * A node of the caller's own, for tests that stop it and start it again (the shared one must stay up for
     * every other test). Always the launcher as a child JVM, also where Docker runs: a restarted container
     * would come back on another port. Same ports and data across {@link Dedicated#stop()} and
     * {@link Dedicated#start()}. Costs a node start (~7-15 s here) and 512 MB of heap while it runs.
     */
    public static Dedicated dedicated() {
        OpenSearchProcess node = OpenSearchProcess.create();
        node.start();
        return new Dedicated(node);
    }

    /** A stoppable OpenSearch node; see {@link #dedicated()}. */
    public static final class Dedicated implements AutoCloseable {

        private final OpenSearchProcess node;

        private Dedicated(OpenSearchProcess node) {
            this.node = node;
        }

        /** Base URI of the REST API, the same before and after a restart. */
        public URI httpUri() {
            return node.httpUri();
        }

        /** Stops the node (SIGTERM, then SIGKILL): its HTTP port refuses connections until {@link #start()}. */
        public void stop() {
            node.stop();
        }

        /** Starts the node again on the same ports and data; returns once it is ready. */
        public void start() {
            node.start();
        }

        @Override
        public void close() {
            node.stop();
            S3Server.deleteTree(node.dataDir());
        }
    }

    /**
     * One launcher child JVM with fixed ports and data folder, which can be stopped and started again. The shutdown
     * hook holds it, and so its Process: a collected Process would close our end of the stdin and stop the node.
     */
    private static final class OpenSearchProcess {

        private final int httpPort;
        private final int transportPort;
        private final Path dataDir;
        private final Path log;
        private Process child;

        private OpenSearchProcess(int httpPort, int transportPort, Path dataDir, Path log) {
            this.httpPort = httpPort;
            this.transportPort = transportPort;
            this.dataDir = dataDir;
            this.log = log;
        }

        static OpenSearchProcess create() {
            try {
                int httpPort;
                int transportPort;
                do {
                    httpPort = S3Server.freePort();
                    transportPort = S3Server.freePort();
                } while (httpPort == transportPort);
                Path workDir = Files.createDirectories(S3Server.targetDir().resolve("test-servers"));
                Path dataDir = Files.createTempDirectory(workDir, "opensearch-" + httpPort + "-");
                OpenSearchProcess node = new OpenSearchProcess(httpPort, transportPort, dataDir,
                        workDir.resolve("opensearch-" + httpPort + ".log"));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    node.stop();
                    S3Server.deleteTree(dataDir);
                }, "opensearch-stop"));
                return node;
            } catch (IOException e) {
                throw new UncheckedIOException("could not prepare OpenSearch", e);
            }
        }

        URI httpUri() {
            return URI.create("http://127.0.0.1:" + httpPort);
        }

        Path dataDir() {
            return dataDir;
        }

        synchronized void start() {
            if (child != null && child.isAlive()) {
                return;
            }
            Path module = S3Server.deployDir().resolve("opensearch-server/target");
            Path classes = module.resolve("classes");
            Path lib = module.resolve("lib");
            if (!Files.isDirectory(classes.resolve("dev/dispatcher/deploy/opensearch")) || !Files.isDirectory(lib)) {
                throw new IllegalStateException(module + " has no launcher classes or lib/; build it with"
                        + " ./mvnw -pl deploy/opensearch-server package");
            }
            List<String> command = List.of(S3Server.javaBinary(), "-Xms512m", "-Xmx512m", "-Djava.awt.headless=true",
                    "-cp", classes.toAbsolutePath() + File.pathSeparator + lib.toAbsolutePath().resolve("*"),
                    LAUNCHER,
                    "--http-port", String.valueOf(httpPort),
                    "--transport-port", String.valueOf(transportPort),
                    "--data", dataDir.toAbsolutePath().toString(),
                    "--cluster-name", "dispatcher-test",
                    "--startup-timeout", String.valueOf(STARTUP_TIMEOUT.toSeconds()),
                    // The node exits when our end of its stdin closes, i.e. whenever this JVM dies.
                    "--exit-on-stdin-eof");
            try {
                child = new ProcessBuilder(command)
                        .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start OpenSearch", e);
            }
            awaitReady(child);
        }

        /** The launcher writes only the READY line to stdout; its logs go to stderr, i.e. the log file. */
        private void awaitReady(Process started) {
            CompletableFuture<String> ready = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = out.readLine()) != null) {
                        if (line.startsWith(READY_PREFIX)) {
                            ready.complete(line.substring(READY_PREFIX.length()).trim());
                        }
                    }
                } catch (IOException ignored) {
                    // stream closes when the child exits
                }
                ready.completeExceptionally(new IllegalStateException("OpenSearch exited before it was ready"));
            }, "opensearch-stdout");
            reader.setDaemon(true);
            reader.start();
            try {
                ready.get(STARTUP_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                stop();
                String why = e instanceof TimeoutException ? "not ready within " + STARTUP_TIMEOUT.toSeconds() + " s"
                        : e.getCause().getMessage();
                throw new IllegalStateException("OpenSearch " + why + "; log " + log + ":\n" + S3Server.tail(log), e);
            } catch (InterruptedException e) {
                stop();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting OpenSearch", e);
            }
        }

        synchronized void stop() {
            if (child != null) {
                OpenSearchNode.stop(child);
                child = null;
            }
        }
    }

    /** SIGTERM lets the launcher close the node cleanly; SIGKILL if that takes too long. */
    private static void stop(Process child) {
        child.destroy();
        try {
            if (!child.waitFor(15, TimeUnit.SECONDS)) {
                child.destroyForcibly();
                child.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            child.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
