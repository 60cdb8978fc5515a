package dev.dispatcher.api.consume;

import static org.awaitility.Awaitility.await;

import dev.dispatcher.api.DispatcherApiApplication;
import dev.dispatcher.common.testing.KafkaBroker;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A dispatcher-api in a child JVM on the test classpath and the shared broker, so that a test can
 * kill it the way a node failure does ({@code SIGKILL}: no shutdown hook, no group left, nothing
 * flushed), which an in-JVM Spring context cannot do.
 */
final class ApiProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private ApiProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts one with these extra {@code key=value} properties and waits until it is ready (bounded). */
    static ApiProcess start(String... properties) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                DispatcherApiApplication.class.getName(), "--server.port=" + port,
                "--spring.kafka.bootstrap-servers=" + KafkaBroker.bootstrapServers(), "--logging.structured.format.console="));
        for (String property : properties) {
            command.add("--" + property);
        }
        Path log = Files.createTempFile("api-process-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ApiProcess api = new ApiProcess(process, port, log);
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(api::ready);
        } catch (RuntimeException e) {
            api.kill();
            throw new IllegalStateException("api process did not get ready; its log: " + log, e);
        }
        return api;
    }

    int port() {
        return port;
    }

    private boolean ready() {
        if (!process.isAlive()) {
            throw new IllegalStateException("api process exited with " + process.exitValue() + "; its log: " + log);
        }
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL, then waits for the process to be gone. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        kill();
        Files.deleteIfExists(log);
    }
}
