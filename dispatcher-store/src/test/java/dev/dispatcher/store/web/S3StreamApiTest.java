package dev.dispatcher.store.web;

import dev.dispatcher.common.testing.S3Server;
import dev.dispatcher.common.testing.WithKafka;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The streams API on a real S3 server (MinIO in a container where Docker runs, S3Proxy here). */
@WithKafka
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "dispatcher.topics.prefix=store-s3", "dispatcher.topics.sources-helm=testing: {}",
        "dispatcher.store.backend=s3", "dispatcher.store.s3.bucket=store-contract",
        "dispatcher.store.spool-dir=target/store-test/s3/spool", "dispatcher.store.max-size=4MiB"})
class S3StreamApiTest extends StreamApiContract {

    @DynamicPropertySource
    static void s3(DynamicPropertyRegistry registry) {
        registry.add("dispatcher.store.s3.endpoint", () -> S3Server.endpoint().toString());
        registry.add("dispatcher.store.s3.access-key", S3Server::accessKey);
        registry.add("dispatcher.store.s3.secret-key", S3Server::secretKey);
        registry.add("dispatcher.store.s3.region", S3Server::region);
    }
}
