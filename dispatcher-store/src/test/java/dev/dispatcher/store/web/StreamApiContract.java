package dev.dispatcher.store.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dispatcher.common.testing.KafkaBroker;
import dev.dispatcher.common.topic.TopicLayout;
import dev.dispatcher.common.topic.TopicPlan;
import dev.dispatcher.store.identify.ReferenceTools;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.annotation.Autowired;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The streams API through HTTP against a real backend; subclasses choose local disk or a real S3 server. */
abstract class StreamApiContract {

    private static final Set<String> DATA_FIELDS = Set.of("sha256", "sha512", "sha1", "md5", "ssdeep", "tlsh", "size",
            "file_format", "file_extension", "mime", "magic", "identify_version", "label", "language");

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    TopicPlan topics;

    @Value("${dispatcher.store.spool-dir}")
    Path spool;

    @TempDir
    Path dir;

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    HttpResponse<byte[]> post(String path, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> send(String method, String path, String range) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody());
        if (range != null) {
            request.header("Range", range);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    JsonNode data(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        JsonNode data = json.readTree(response.body()).get("data");
        data.propertyNames().forEach(name -> assertThat(DATA_FIELDS).as("field %s", name).contains(name));
        return data;
    }

    @Test
    void uploadsGetEveryDigestAndTheFileTypeTheToolsGive() throws Exception {
        byte[] random = new byte[200_000];
        new Random(5).nextBytes(random);
        String script = "param([string]$Name)\nWrite-Host \"Hello $Name\"\nGet-ChildItem $env:TEMP\n".repeat(3);
        List<Object[]> samples = List.of(
                new Object[] {"random", random, "unknown"},
                new Object[] {"ls", Files.readAllBytes(Path.of("/bin/ls")), "executable/linux/pie64"},
                new Object[] {"ps1", script.getBytes(StandardCharsets.US_ASCII), "code/ps1"},
                new Object[] {"docx", docx(), "document/office/word"},
                new Object[] {"pdf", "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
                        .getBytes(StandardCharsets.US_ASCII), "document/pdf"});
        for (Object[] sample : samples) {
            Path file = Files.write(dir.resolve((String) sample[0]), (byte[]) sample[1]);
            JsonNode data = data(post("/api/v3/stream/testing/content", (byte[]) sample[1]));
            String what = (String) sample[0];
            assertThat(data.get("label").asString()).isEqualTo("content");
            assertThat(data.get("size").asLong()).as(what).isEqualTo(Files.size(file));
            assertThat(data.get("sha256").asString()).as(what).isEqualTo(ReferenceTools.sha256sum(file));
            assertThat(data.get("sha512").asString()).as(what).isEqualTo(ReferenceTools.sha512sum(file));
            assertThat(data.get("sha1").asString()).as(what).isEqualTo(ReferenceTools.sha1sum(file));
            assertThat(data.get("md5").asString()).as(what).isEqualTo(ReferenceTools.md5sum(file));
            if (Files.size(file) >= 4096) {
                assertThat(data.get("ssdeep").asString()).as(what).isEqualTo(ReferenceTools.ssdeep(file));
            }
            if (Files.size(file) >= 256) {
                assertThat(data.path("tlsh").asString(null)).as(what).isEqualTo(ReferenceTools.tlsh(file));
            }
            String[] magic = ReferenceTools.file(file);
            assertThat(data.get("magic").asString()).as(what).isEqualTo(magic[0]);
            assertThat(data.get("mime").asString()).as(what).isEqualTo(magic[1]);
            assertThat(data.get("file_format").asString()).as(what).isEqualTo(sample[2]);
        }
        assertSpoolEmpty();
    }

    @Test
    void headGetRangesAndDelete() throws Exception {
        byte[] bytes = new byte[5000];
        new Random(9).nextBytes(bytes);
        String sha = data(post("/api/v3/stream/testing/text", bytes)).get("sha256").asString();
        String path = "/api/v3/stream/testing/text/" + sha;

        assertThat(send("HEAD", path, null).statusCode()).isEqualTo(200);
        assertThat(send("HEAD", path, null).headers().firstValueAsLong("Content-Length")).hasValue(5000);
        assertThat(send("HEAD", "/api/v3/stream/testing/content/" + sha, null).statusCode()).as("other label").isEqualTo(404);

        HttpResponse<byte[]> whole = send("GET", path, null);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(whole.body()).isEqualTo(bytes);

        HttpResponse<byte[]> clamped = send("GET", path, "bytes=0-1048575");
        assertThat(clamped.statusCode()).isEqualTo(206);
        assertThat(clamped.headers().firstValue("Content-Range")).hasValue("bytes 0-4999/5000");
        assertThat(clamped.body()).isEqualTo(bytes);
        HttpResponse<byte[]> suffix = send("GET", path, "bytes=-1048576");
        assertThat(suffix.statusCode()).isEqualTo(206);
        assertThat(suffix.body()).isEqualTo(bytes);
        HttpResponse<byte[]> middle = send("GET", path, "bytes=10-19");
        assertThat(middle.headers().firstValue("Content-Range")).hasValue("bytes 10-19/5000");
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(bytes, 10, 20));
        HttpResponse<byte[]> tail = send("GET", path, "bytes=-100");
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(bytes, 4900, 5000));
        HttpResponse<byte[]> past = send("GET", path, "bytes=5000-");
        assertThat(past.statusCode()).isEqualTo(416);
        assertThat(past.headers().firstValue("Content-Range")).hasValue("bytes */5000");

        HttpResponse<byte[]> deleted = send("DELETE", path, null);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(json.readTree(deleted.body()).get("deleted").asBoolean()).isTrue();
        assertThat(send("HEAD", path, null).statusCode()).isEqualTo(404);
        assertThat(send("GET", path, null).statusCode()).isEqualTo(404);
        assertThat(send("DELETE", path, null).statusCode()).isEqualTo(404);
    }

    @Test
    void sameBytesTwiceGiveTheSameAnswer() throws Exception {
        byte[] bytes = "the same bytes, uploaded twice\n".repeat(100).getBytes(StandardCharsets.US_ASCII);
        JsonNode first = data(post("/api/v3/stream/testing/content", bytes));
        JsonNode second = data(post("/api/v3/stream/testing/content", bytes));
        assertThat(second).isEqualTo(first);
        assertThat(send("GET", "/api/v3/stream/testing/content/" + first.get("sha256").asString(), null).body())
                .isEqualTo(bytes);
    }

    @Test
    void refusedUploadsStoreNothing() throws Exception {
        byte[] bytes = "nothing of this may be stored\n".repeat(50).getBytes(StandardCharsets.US_ASCII);
        String sha = ReferenceTools.sha256sum(Files.write(dir.resolve("refused"), bytes));
        assertProblem(post("/api/v3/stream/testing/content?expected-sha256=" + "0".repeat(64), bytes), 400, "expected-sha256");
        assertThat(send("HEAD", "/api/v3/stream/testing/content/" + sha, null).statusCode()).isEqualTo(404);
        assertProblem(post("/api/v3/stream/testing/content?expected-sha256=xyz", bytes), 400, "expected-sha256");
        assertProblem(post("/api/v3/stream/testing/content", new byte[0]), 400, "body");
        assertProblem(post("/api/v3/stream/testing/no_such_label", bytes), 400, "label");
        assertProblem(post("/api/v3/stream/..evil/content", bytes), 400, "source");
        assertProblem(post("/api/v3/stream/a%01b/content", bytes), 400, "source");
        assertProblem(post("/api/v3/stream/a%2Fb/content", bytes), 400, "source");
        assertProblem(post("/api/v3/stream//content", bytes), 400, null);
        assertProblem(send("HEAD", "/api/v3/stream/testing/content/" + sha + "0", null), 400, null);
        assertProblem(send("GET", "/api/v3/stream/testing/content/not-a-sha", null), 400, "sha256");
        assertProblem(post("/api/v3/stream/testing/content", new byte[(int) (maxSize() + 1)]), 413, "body");
        assertSpoolEmpty();
    }

    @Test
    void concurrentUploadsOfTheSameBytesEndWithOneIntactObject() throws Exception {
        byte[] bytes = new byte[3 * 1024 * 1024];
        new Random(17).nextBytes(bytes);
        String sha = ReferenceTools.sha256sum(Files.write(dir.resolve("race"), bytes));
        List<Callable<JsonNode>> uploads = Collections.nCopies(6, () -> data(post("/api/v3/stream/race/content", bytes)));
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            List<JsonNode> answers = new ArrayList<>();
            for (Future<JsonNode> answer : pool.invokeAll(uploads)) {
                answers.add(answer.get());
            }
            assertThat(answers).allSatisfy(answer -> assertThat(answer).isEqualTo(answers.getFirst()));
        }
        assertThat(objectsUnder("race/")).containsExactly("race/content/" + sha);
        assertThat(send("GET", "/api/v3/stream/race/content/" + sha, null).body()).isEqualTo(bytes);
        assertSpoolEmpty();
    }

    @Test
    void aClientGoneMidUploadLeavesNothingBehind() throws Exception {
        double abortedBefore = uploads("aborted");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v3/stream/gone/content HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/octet-stream\r\nContent-Length: 3000000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] part = new byte[64 * 1024];
            new Random(3).nextBytes(part);
            for (int i = 0; i < 16; i++) {
                out.write(part);
            }
            out.flush();
            // The server has read some of the body; now the client disappears with 2 of the 3 MB unsent.
            await().atMost(Duration.ofSeconds(10)).until(() -> uploadsInProgress() > 0);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> uploads("aborted") > abortedBefore);
        assertThat(objectsUnder("gone/")).isEmpty();
        assertSpoolEmpty();
    }

    @Test
    void eachStoredAndDeletedBlobIsAnnouncedOnKafka() throws Exception {
        byte[] bytes = ("announced " + UUID.randomUUID() + "\n").repeat(40).getBytes(StandardCharsets.US_ASCII);
        String sha = data(post("/api/v3/stream/testing/content", bytes)).get("sha256").asString();
        assertThat(send("DELETE", "/api/v3/stream/testing/content/" + sha, null).statusCode()).isEqualTo(200);

        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.GROUP_ID_CONFIG, "store-events-" + UUID.randomUUID());
        List<JsonNode> events = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topics.layout().name(TopicLayout.STREAM_EVENTS)));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (sha.equals(record.key())) {
                        events.add(json.readTree(record.value()));
                    }
                }
                return events.size() >= 2;
            });
        }
        JsonNode stored = events.get(0);
        assertThat(stored.get("action").asString()).isEqualTo("stored");
        assertThat(stored.get("source").asString()).isEqualTo("testing");
        assertThat(stored.get("label").asString()).isEqualTo("content");
        assertThat(stored.get("sha256").asString()).isEqualTo(sha);
        assertThat(stored.get("size").asLong()).isEqualTo(bytes.length);
        assertThat(stored.get("key").asString()).isEqualTo("testing/content/" + sha);
        assertThat(stored.get("created").asBoolean()).isTrue();
        assertThat(stored.get("client").asString()).isNotBlank();
        assertThat(stored.get("timestamp").asString()).isNotBlank();
        assertThat(events.get(1).get("action").asString()).isEqualTo("deleted");
        assertThat(events.get(1).get("key").asString()).isEqualTo("testing/content/" + sha);
    }

    @Test
    void everyOperationIsCountedOnTheMetricsPage() throws Exception {
        byte[] bytes = ("counted " + UUID.randomUUID() + "\n").repeat(30).getBytes(StandardCharsets.US_ASCII);
        double stored = uploads("stored");
        String sha = data(post("/api/v3/stream/testing/content", bytes)).get("sha256").asString();
        send("HEAD", "/api/v3/stream/testing/content/" + sha, null);
        send("GET", "/api/v3/stream/testing/content/" + sha, null);
        send("DELETE", "/api/v3/stream/testing/content/" + sha, null);
        String page = metricsPage();
        assertThat(uploads("stored")).isEqualTo(stored + 1);
        for (String name : List.of("dispatcher_data_uploaded_bytes_total", "dispatcher_data_download_requests_total",
                "dispatcher_data_downloaded_bytes_total", "dispatcher_data_exist_requests_total",
                "dispatcher_data_delete_requests_total", "dispatcher_data_operation_seconds_count",
                "dispatcher_data_events_total", "dispatcher_data_uploads_in_progress", "dispatcher_restapi_time_seconds_count")) {
            assertThat(page).as(name).containsPattern("(?m)^" + name + "[{ ]");
        }
    }

    /** Object keys under a prefix, as the backend has them. */
    abstract List<String> objectsUnder(String prefix) throws IOException;

    String metricsPage() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(uri("/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        return page.body();
    }

    /** Sum of {@code dispatcher_data_upload_requests_total} with this result, over labels. */
    double uploads(String result) throws Exception {
        return sample("dispatcher_data_upload_requests_total", "result=\"" + result + "\"");
    }

    double uploadsInProgress() throws Exception {
        return sample("dispatcher_data_uploads_in_progress", "");
    }

    double sample(String name, String containing) throws Exception {
        return metricsPage().lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> line.contains(containing))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** The max-size of the test contexts. */
    long maxSize() {
        return 4L * 1024 * 1024;
    }

    void assertProblem(HttpResponse<byte[]> response, int status, String parameter) {
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(status);
        if (response.request().method().equals("HEAD")) {
            return;
        }
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        if (parameter != null) {
            assertThat(json.readTree(response.body()).path("error_params").path("parameter").asString())
                    .isEqualTo(parameter);
        }
    }

    void assertSpoolEmpty() throws IOException {
        try (var files = Files.list(spool)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    static byte[] docx() throws IOException {
        var out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String name : List.of("[Content_Types].xml", "_rels/.rels", "word/document.xml")) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write("<?xml version=\"1.0\"?><x/>".getBytes(StandardCharsets.US_ASCII));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
