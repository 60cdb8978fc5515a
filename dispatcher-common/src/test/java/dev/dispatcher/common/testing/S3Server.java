package dev.dispatcher.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MinIOContainer;

/**
 * One real S3-compatible server per test JVM, started on first use: MinIO in a container when a Docker
 * engine is reachable, otherwise S3Proxy (filesystem backend) as a child process. Stopped when the JVM exits.
 *
 * <p>System properties: {@code dispatcher.test.containers=true} forces the container,
 * {@code dispatcher.test.no-containers=true} forces the child process (same switches as {@link KafkaBroker}).
 */
public final class S3Server {

    static final String MINIO_IMAGE = "minio/minio:RELEASE.2023-09-04T19-57-37Z";
    private static final String ACCESS_KEY = "dispatcher-test";
    // MinIO wants at least 8 characters; S3Proxy takes anything.
    private static final String SECRET_KEY = "dispatcher-test-secret";
    // Both servers accept any region in SigV4; a fixed one keeps signatures and clients predictable.
    private static final String REGION = "us-east-1";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private static volatile Running running;

    private S3Server() {
    }

    /** Endpoint of the shared server, e.g. {@code http://127.0.0.1:40123}; starts it if needed. Use path-style access. */
    public static URI endpoint() {
        return get().endpoint();
    }

    /** Access key id the server accepts. */
    public static String accessKey() {
        return get().accessKey();
    }

    /** Secret access key the server accepts. */
    public static String secretKey() {
        return get().secretKey();
    }

    /** Region to sign requests for. */
    public static String region() {
        return REGION;
    }

    private static Running get() {
        Running current = running;
        if (current == null) {
            synchronized (S3Server.class) {
                if (running == null) {
                    running = start();
                }
                current = running;
            }
        }
        return current;
    }

    private record Running(URI endpoint, String accessKey, String secretKey) {
    }

    private static Running start() {
        if (Boolean.getBoolean("dispatcher.test.containers") || dockerAvailable()) {
            return startContainer();
        }
        return startS3Proxy();
    }

    private static Running startContainer() {
        MinIOContainer container = new MinIOContainer(MINIO_IMAGE).withUserName(ACCESS_KEY).withPassword(SECRET_KEY);
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "s3-container-stop"));
        return new Running(URI.create(container.getS3URL()), container.getUserName(), container.getPassword());
    }

    private static Running startS3Proxy() {
        S3ProxyProcess server = S3ProxyProcess.create();
        server.start();
        return new Running(server.endpoint(), ACCESS_KEY, SECRET_KEY);
    }

    /**
     * An S3 server of the caller's own, for tests that stop it and start it again (the shared one must stay up
     * for every other test). Always S3Proxy as a child process, also where Docker runs: a restarted container
     * would come back on another port. Same port and same data across {@link Dedicated#stop()} and
     * {@link Dedicated#start()}.
     */
    public static Dedicated dedicated() {
        S3ProxyProcess server = S3ProxyProcess.create();
        server.start();
        return new Dedicated(server);
    }

    /** A stoppable S3 server; see {@link #dedicated()}. */
    public static final class Dedicated implements AutoCloseable {

        private final S3ProxyProcess server;

        private Dedicated(S3ProxyProcess server) {
            this.server = server;
        }

        /** Endpoint, the same before and after a restart. */
        public URI endpoint() {
            return server.endpoint();
        }

        public String accessKey() {
            return ACCESS_KEY;
        }

        public String secretKey() {
            return SECRET_KEY;
        }

        public String region() {
            return REGION;
        }

        /** Ends the server process: its port refuses connections until {@link #start()}. */
        public void stop() {
            server.stop();
        }

        /** Starts the server again on the same port and data; returns once it answers HTTP. */
        public void start() {
            server.start();
        }

        @Override
        public void close() {
            server.stop();
            deleteTree(server.dataDir());
        }
    }

    /**
     * One S3Proxy child process with a fixed port and data folder, which can be stopped and started again. The
     * shutdown hook holds it, and so its Process: a collected Process would close our stdin pipe and stop it.
     */
    private static final class S3ProxyProcess {

        private final int port;
        private final Path dataDir;
        private final Path properties;
        private final Path log;
        private Process process;

        private S3ProxyProcess(int port, Path dataDir, Path properties, Path log) {
            this.port = port;
            this.dataDir = dataDir;
            this.properties = properties;
            this.log = log;
        }

        static S3ProxyProcess create() {
            try {
                int port = freePort();
                Path workDir = Files.createDirectories(targetDir().resolve("test-servers"));
                Path dataDir = Files.createTempDirectory(workDir, "s3proxy-" + port + "-");
                Path blobs = Files.createDirectories(dataDir.resolve("blobs"));
                Path properties = dataDir.resolve("s3proxy.conf");
                Files.writeString(properties, String.join("\n",
                        "s3proxy.endpoint=http://127.0.0.1:" + port,
                        "s3proxy.authorization=aws-v2-or-v4",
                        "s3proxy.identity=" + ACCESS_KEY,
                        "s3proxy.credential=" + SECRET_KEY,
                        "jclouds.provider=filesystem-nio2",
                        "jclouds.filesystem.basedir=" + blobs.toAbsolutePath(),
                        ""));
                S3ProxyProcess server = new S3ProxyProcess(port, dataDir, properties, workDir.resolve("s3proxy-" + port + ".log"));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    server.stop();
                    deleteTree(dataDir);
                }, "s3proxy-stop"));
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException("could not prepare S3Proxy", e);
            }
        }

        URI endpoint() {
            return URI.create("http://127.0.0.1:" + port);
        }

        Path dataDir() {
            return dataDir;
        }

        synchronized void start() {
            if (process != null && process.isAlive()) {
                return;
            }
            Path jar = deployDir().resolve("s3-server/target/s3proxy.jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing; build it with ./mvnw -pl deploy/s3-server package");
            }
            List<String> command = new ArrayList<>();
            // S3Proxy never reads stdin, so a small shell keeps our stdin pipe open and kills the server when
            // it closes: that happens however this JVM ends, including SIGKILL, so no orphan keeps the port.
            command.addAll(List.of("/bin/sh", "-c",
                    "\"$@\" </dev/null & child=$!; cat >/dev/null; kill $child 2>/dev/null; wait $child", "s3proxy"));
            command.addAll(List.of(javaBinary(), "-Xmx256m", "-jar", jar.toAbsolutePath().toString(),
                    "--properties", properties.toAbsolutePath().toString()));
            try {
                process = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start S3Proxy", e);
            }
            awaitHttp(endpoint(), process, log);
        }

        synchronized void stop() {
            if (process != null) {
                S3Server.stop(process);
                process = null;
            }
        }
    }

    /** Any HTTP answer (an anonymous request gets 403) means S3Proxy is serving. */
    private static void awaitHttp(URI endpoint, Process process, Path log) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited with " + process.exitValue() + "; log " + log + ":\n" + tail(log));
            }
            try {
                client.send(request, HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting S3Proxy", e);
            }
        }
        stop(process);
        throw new IllegalStateException("S3Proxy not serving within " + STARTUP_TIMEOUT.toSeconds() + " s; log " + log + ":\n" + tail(log));
    }

    private static void stop(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // closing is only the polite way; the kills below do the rest
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    // Helpers below are shared with OpenSearchNode, the other child-process fixture.

    static boolean dockerAvailable() {
        if (Boolean.getBoolean("dispatcher.test.no-containers")) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** {@code deploy/} of the repository: surefire passes it; from an IDE, fall back to the module's parent. */
    static Path deployDir() {
        String dir = System.getProperty("dispatcher.deploy.dir");
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir);
        }
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent().resolve("deploy");
    }

    /** The module's {@code target/}, where server logs stay for post-mortems. */
    static Path targetDir() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("target");
    }

    /** The java binary of this JVM, so the child runs on the same (>= 21) JDK as the tests. */
    static String javaBinary() {
        return ProcessHandle.current().info().command()
                .filter(command -> command.endsWith("java"))
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e + ")";
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: target/ is cleaned by the build anyway
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
