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

    /** Strong reference: a collected Process would close our end of its stdin and stop the node. */
    private static Process process;

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
        Path module = S3Server.deployDir().resolve("opensearch-server/target");
        Path classes = module.resolve("classes");
        Path lib = module.resolve("lib");
        if (!Files.isDirectory(classes.resolve("dev/dispatcher/deploy/opensearch")) || !Files.isDirectory(lib)) {
            throw new IllegalStateException(module + " has no launcher classes or lib/; build it with"
                    + " ./mvnw -pl deploy/opensearch-server package");
        }
        try {
            int httpPort;
            int transportPort;
            do {
                httpPort = S3Server.freePort();
                transportPort = S3Server.freePort();
            } while (httpPort == transportPort);
            Path workDir = Files.createDirectories(S3Server.targetDir().resolve("test-servers"));
            Path dataDir = Files.createTempDirectory(workDir, "opensearch-" + httpPort + "-");
            Path log = workDir.resolve("opensearch-" + httpPort + ".log");

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
            Process child = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            process = child;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stop(child);
                S3Server.deleteTree(dataDir);
            }, "opensearch-stop"));

            // The launcher writes only the READY line to stdout; its logs go to stderr, i.e. the log file.
            CompletableFuture<String> ready = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
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
                return URI.create(ready.get(STARTUP_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS));
            } catch (ExecutionException | TimeoutException e) {
                stop(child);
                String why = e instanceof TimeoutException ? "not ready within " + STARTUP_TIMEOUT.toSeconds() + " s"
                        : e.getCause().getMessage();
                throw new IllegalStateException("OpenSearch " + why + "; log " + log + ":\n" + S3Server.tail(log), e);
            } catch (InterruptedException e) {
                stop(child);
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting OpenSearch", e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not start OpenSearch", e);
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
