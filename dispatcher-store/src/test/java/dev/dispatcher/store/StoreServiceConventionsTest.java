package dev.dispatcher.store;

import dev.dispatcher.common.testing.ServiceConventionsContract;
import org.springframework.boot.test.context.SpringBootTest;

/** dispatcher-store boots on the shared broker, provisions its topics, and serves health and metrics. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"dispatcher.topics.prefix=store-conventions", "dispatcher.topics.sources-helm=testing: {}",
                "dispatcher.store.local.root=target/store-test/conventions"})
class StoreServiceConventionsTest extends ServiceConventionsContract {
}
