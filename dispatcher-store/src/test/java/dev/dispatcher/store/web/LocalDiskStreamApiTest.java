package dev.dispatcher.store.web;

import dev.dispatcher.common.testing.WithKafka;
import org.springframework.boot.test.context.SpringBootTest;

/** The streams API on the local-disk backend (the embedded default). */
@WithKafka
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "dispatcher.topics.prefix=store-local", "dispatcher.topics.sources-helm=testing: {}",
        "dispatcher.store.backend=local", "dispatcher.store.local.root=target/store-test/local/blobs",
        "dispatcher.store.spool-dir=target/store-test/local/spool", "dispatcher.store.max-size=4MiB"})
class LocalDiskStreamApiTest extends StreamApiContract {
}
