package dev.dispatcher.store.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dispatcher.common.testing.S3Server;
import dev.dispatcher.common.testing.WithKafka;
import dev.dispatcher.store.identify.ReferenceTools;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The store on an S3 server of its own, which the test stops and starts: large uploads go up in parts, and
 * while S3 is away every call answers 503, readiness is DOWN and liveness UP; all is well again when it returns.
 */
@WithKafka
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "dispatcher.topics.prefix=store-outage", "dispatcher.topics.sources-helm=testing: {}",
        "dispatcher.store.backend=s3", "dispatcher.store.s3.bucket=outage",
        "dispatcher.store.s3.multipart-threshold=6MiB", "dispatcher.store.s3.part-size=5MiB",
        "dispatcher.store.spool-dir=target/store-test/outage/spool", "dispatcher.store.max-size=32MiB"})
class S3OutageTest {

    private static final S3Server.Dedicated S3 = S3Server.dedicated();

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @TempDir
    Path dir;

    @DynamicPropertySource
    static void s3(DynamicPropertyRegistry registry) {
        registry.add("dispatcher.store.s3.endpoint", () -> S3.endpoint().toString());
        registry.add("dispatcher.store.s3.access-key", S3::accessKey);
        registry.add("dispatcher.store.s3.secret-key", S3::secretKey);
        registry.add("dispatcher.store.s3.region", S3::region);
    }

    @AfterAll
    static void stopServer() {
        S3.close();
    }

    @Test
    void anUploadAboveTheThresholdGoesUpInPartsAndComesBackWhole() throws Exception {
        byte[] bytes = new byte[13 * 1024 * 1024];
        new Random(11).nextBytes(bytes);
        String sha = ReferenceTools.sha256sum(Files.write(dir.resolve("large"), bytes));

        HttpResponse<byte[]> stored = post(bytes);
        assertThat(stored.statusCode()).as(body(stored)).isEqualTo(200);
        assertThat(json.readTree(stored.body()).get("data").get("sha256").asString()).isEqualTo(sha);

        try (S3Client s3 = client()) {
            // A multipart object's ETag is the digest of its parts' digests followed by "-<number of parts>".
            String etag = s3.headObject(h -> h.bucket("outage").key("testing/content/" + sha)).eTag();
            assertThat(etag).endsWith("-3\"");
        }
        HttpResponse<byte[]> got = send("GET", "/api/v3/stream/testing/content/" + sha);
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).isEqualTo(bytes);
    }

    @Test
    void whileS3IsAwayCallsAnswer503AndReadinessIsDownUntilItReturns() throws Exception {
        byte[] kept = "stored before the outage\n".repeat(20).getBytes(StandardCharsets.US_ASCII);
        HttpResponse<byte[]> before = post(kept);
        assertThat(before.statusCode()).as(body(before)).isEqualTo(200);
        String path = "/api/v3/stream/testing/content/" + json.readTree(before.body()).get("data").get("sha256").asString();

        S3.stop();
        try {
            HttpResponse<byte[]> upload = post("uploaded during the outage\n".repeat(20).getBytes(StandardCharsets.US_ASCII));
            assertThat(upload.statusCode()).as(body(upload)).isEqualTo(503);
            assertThat(upload.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(json.readTree(upload.body()).path("error_params").path("code").asString())
                    .isEqualTo("backend_unavailable");
            assertThat(send("GET", path).statusCode()).isEqualTo(503);
            assertThat(send("HEAD", path).statusCode()).isEqualTo(503);

            HttpResponse<byte[]> readiness = send("GET", "/actuator/health/readiness");
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(json.readTree(readiness.body()).path("components").path("blobStore").path("status").asString())
                    .isEqualTo("DOWN");
            assertThat(send("GET", "/actuator/health/liveness").statusCode()).isEqualTo(200);
        } finally {
            S3.start();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> send("GET", "/actuator/health/readiness").statusCode() == 200);
        HttpResponse<byte[]> after = post("uploaded after the outage\n".repeat(20).getBytes(StandardCharsets.US_ASCII));
        assertThat(after.statusCode()).as(body(after)).isEqualTo(200);
        assertThat(send("GET", path).body()).isEqualTo(kept);
    }

    private HttpResponse<byte[]> post(byte[] bytes) throws Exception {
        return http.send(HttpRequest.newBuilder(uri("/api/v3/stream/testing/content"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> send(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String body(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static S3Client client() {
        return S3Client.builder()
                .endpointOverride(S3.endpoint())
                .region(Region.of(S3.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(S3.accessKey(), S3.secretKey())))
                .forcePathStyle(true)
                .build();
    }
}
