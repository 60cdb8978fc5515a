package dev.dispatcher.store.web;

import dev.dispatcher.common.testing.S3Server;
import dev.dispatcher.common.testing.WithKafka;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The streams API on a real S3 server (MinIO in a container where Docker runs, S3Proxy here). */
@WithKafka
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "dispatcher.topics.prefix=store-s3", "dispatcher.topics.sources-helm=testing: {}",
        "dispatcher.store.backend=s3", "dispatcher.store.s3.bucket=" + S3StreamApiTest.BUCKET,
        "dispatcher.store.spool-dir=target/store-test/s3/spool", "dispatcher.store.max-size=4MiB"})
class S3StreamApiTest extends StreamApiContract {

    static final String BUCKET = "store-contract";

    private static S3Client s3;

    @DynamicPropertySource
    static void s3(DynamicPropertyRegistry registry) {
        registry.add("dispatcher.store.s3.endpoint", () -> S3Server.endpoint().toString());
        registry.add("dispatcher.store.s3.access-key", S3Server::accessKey);
        registry.add("dispatcher.store.s3.secret-key", S3Server::secretKey);
        registry.add("dispatcher.store.s3.region", S3Server::region);
    }

    @AfterAll
    static void closeClient() {
        if (s3 != null) {
            s3.close();
        }
    }

    /** Every object in the bucket under the prefix, listed by a client of the test's own. */
    @Override
    List<String> objectsUnder(String prefix) {
        if (s3 == null) {
            s3 = S3Client.builder()
                    .endpointOverride(S3Server.endpoint())
                    .region(Region.of(S3Server.region()))
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(S3Server.accessKey(), S3Server.secretKey())))
                    .forcePathStyle(true)
                    .build();
        }
        return s3.listObjectsV2Paginator(l -> l.bucket(BUCKET).prefix(prefix)).contents().stream()
                .map(S3Object::key).sorted().toList();
    }
}
