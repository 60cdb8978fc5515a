package dev.dispatcher.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dispatcher.common.testing.KafkaBroker;
import dev.dispatcher.common.testing.S3Server;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The store as it is deployed: its own JVM with a 256 MB heap, configured only through the documented
 * environment names ({@code DISPATCHER_KAFKA_ENDPOINT}, {@code DISPATCHER_STORE_S3_ENDPOINT}, {@code _ACCESS_KEY},
 * {@code _SECRET_KEY}, {@code _SECURE}, {@code DISPATCHER_SOURCES_HELM}) and the backend left on {@code auto}.
 * A 1 GiB upload, streamed in chunks, goes through with every digest and lands in S3 whole.
 */
class LargeUploadProcessTest {

    private static final long SIZE = 1024L * 1024 * 1024;
    private static final String BUCKET = "large";

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aOneGibUploadWorksWithA256MbHeap() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path spool = Path.of("target/store-test/large/spool").toAbsolutePath();
        Path log = Files.createDirectories(Path.of("target/store-test/large")).resolve("store-process.log");
        URI s3 = S3Server.endpoint();
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m", "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                DispatcherStoreApplication.class.getName(), "--server.port=" + port,
                "--dispatcher.topics.prefix=store-large", "--dispatcher.store.s3.bucket=" + BUCKET,
                "--dispatcher.store.s3.region=" + S3Server.region(), "--dispatcher.store.spool-dir=" + spool,
                "--logging.structured.format.console="));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("DISPATCHER_KAFKA_ENDPOINT", KafkaBroker.bootstrapServers());
        env.put("DISPATCHER_SOURCES_HELM", "testing: {}");
        // host:port without a scheme: _SECURE=false makes it http://.
        env.put("DISPATCHER_STORE_S3_ENDPOINT", s3.getHost() + ":" + s3.getPort());
        env.put("DISPATCHER_STORE_S3_SECURE", "false");
        env.put("DISPATCHER_STORE_S3_ACCESS_KEY", S3Server.accessKey());
        env.put("DISPATCHER_STORE_S3_SECRET_KEY", S3Server.secretKey());
        Process store = builder.start();
        HttpClient http = HttpClient.newHttpClient();
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
                assertThat(store.isAlive()).as("store process alive; log %s", log).isTrue();
                return status(http, "http://127.0.0.1:" + port + "/actuator/health/readiness") == 200;
            });

            GeneratedBody body = new GeneratedBody(SIZE);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/api/v3/stream/testing/content?skip-identify=false"))
                    .timeout(Duration.ofMinutes(10))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode data = json.readTree(response.body()).get("data");
            assertThat(data.get("size").asLong()).isEqualTo(SIZE);
            String sha256 = body.sha256();
            assertThat(data.get("sha256").asString()).isEqualTo(sha256);
            assertThat(data.get("ssdeep").asString()).isNotBlank();
            assertThat(data.get("tlsh").asString()).startsWith("T1");
            assertThat(store.isAlive()).as("no OutOfMemoryError; log %s", log).isTrue();
            try (S3Client client = S3Client.builder()
                    .endpointOverride(s3)
                    .region(Region.of(S3Server.region()))
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(S3Server.accessKey(), S3Server.secretKey())))
                    .forcePathStyle(true)
                    .build()) {
                assertThat(client.headObject(h -> h.bucket(BUCKET).key("testing/content/" + sha256)).contentLength())
                        .isEqualTo(SIZE);
            }
            try (Stream<Path> left = Files.list(spool)) {
                assertThat(left.toList()).isEmpty();
            }
        } finally {
            store.destroyForcibly();
            store.waitFor();
        }
    }

    private static int status(HttpClient http, String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** {@code size} bytes made on the fly (1 MiB of random bytes, each copy stamped with its number), hashed as sent. */
    private static final class GeneratedBody extends InputStream {

        private final byte[] block = new byte[1024 * 1024];
        private final long size;
        private final MessageDigest sha256;
        private long sent;
        private int inBlock;

        GeneratedBody(long size) throws Exception {
            this.size = size;
            this.sha256 = MessageDigest.getInstance("SHA-256");
            new Random(1).nextBytes(block);
            stamp(0);
        }

        private void stamp(long number) {
            for (int i = 0; i < 8; i++) {
                block[i] = (byte) (number >>> (8 * i));
            }
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            if (sent == size) {
                return -1;
            }
            if (inBlock == block.length) {
                stamp(sent / block.length);
                inBlock = 0;
            }
            int n = (int) Math.min(Math.min(length, block.length - inBlock), size - sent);
            System.arraycopy(block, inBlock, into, offset, n);
            sha256.update(block, inBlock, n);
            inBlock += n;
            sent += n;
            return n;
        }

        /** The digest of what was sent; call once, as {@link MessageDigest#digest()} resets it. */
        String sha256() {
            assertThat(sent).isEqualTo(size);
            return HexFormat.of().formatHex(sha256.digest());
        }
    }
}
