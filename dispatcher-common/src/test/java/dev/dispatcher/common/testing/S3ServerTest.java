package dev.dispatcher.common.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** The shared S3 server speaks enough S3 for the store: buckets and object put/head/get/delete with the AWS SDK. */
class S3ServerTest {

    private static S3Client s3;

    @BeforeAll
    static void client() {
        s3 = S3Client.builder()
                .endpointOverride(S3Server.endpoint())
                .region(Region.of(S3Server.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3Server.accessKey(), S3Server.secretKey())))
                // Neither MinIO nor S3Proxy serves virtual-host style buckets on 127.0.0.1.
                .forcePathStyle(true)
                .build();
    }

    @AfterAll
    static void close() {
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void putHeadGetDeleteAnObject() {
        String bucket = "fixture-" + UUID.randomUUID().toString().substring(0, 8);
        String key = "ab/cd/" + UUID.randomUUID();
        byte[] content = "hello dispatcher\n".getBytes(StandardCharsets.UTF_8);

        s3.createBucket(b -> b.bucket(bucket));
        assertThat(s3.listBuckets().buckets()).anySatisfy(b -> assertThat(b.name()).isEqualTo(bucket));

        s3.putObject(p -> p.bucket(bucket).key(key).contentType("application/octet-stream"), RequestBody.fromBytes(content));

        HeadObjectResponse head = s3.headObject(h -> h.bucket(bucket).key(key));
        assertThat(head.contentLength()).isEqualTo(content.length);

        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(g -> g.bucket(bucket).key(key));
        assertThat(got.asByteArray()).isEqualTo(content);

        assertThat(s3.listObjectsV2(l -> l.bucket(bucket)).contents())
                .singleElement()
                .satisfies(o -> assertThat(o.key()).isEqualTo(key));

        s3.deleteObject(d -> d.bucket(bucket).key(key));
        assertThatThrownBy(() -> s3.headObject(h -> h.bucket(bucket).key(key)))
                .isInstanceOf(NoSuchKeyException.class);

        s3.deleteBucket(d -> d.bucket(bucket));
    }

    @Test
    void theFixtureIsASingleton() {
        assertThat(S3Server.endpoint()).isSameAs(S3Server.endpoint());
        assertThat(S3Server.endpoint().getScheme()).isEqualTo("http");
    }

    @Test
    void aDedicatedServerStopsAndComesBackWithItsData() {
        try (S3Server.Dedicated server = S3Server.dedicated();
                S3Client client = S3Client.builder()
                        .endpointOverride(server.endpoint())
                        .region(Region.of(server.region()))
                        .credentialsProvider(StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(server.accessKey(), server.secretKey())))
                        .forcePathStyle(true)
                        .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1)))
                        .build()) {
            assertThat(server.endpoint()).isNotEqualTo(S3Server.endpoint());
            client.createBucket(b -> b.bucket("restart"));
            client.putObject(p -> p.bucket("restart").key("kept"), RequestBody.fromString("kept"));

            server.stop();
            assertThatThrownBy(() -> client.headObject(h -> h.bucket("restart").key("kept")))
                    .isInstanceOf(SdkClientException.class);

            server.start();
            assertThat(client.getObjectAsBytes(g -> g.bucket("restart").key("kept")).asUtf8String()).isEqualTo("kept");
        }
    }
}
