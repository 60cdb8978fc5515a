package dev.dispatcher.indexer;

import dev.dispatcher.common.testing.ServiceConventionsContract;
import org.springframework.boot.test.context.SpringBootTest;

/** dispatcher-indexer boots on the shared broker, provisions its topics, and serves health and metrics. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"dispatcher.topics.prefix=indexer-conventions", "dispatcher.topics.sources-helm=testing: {}"})
class IndexerServiceConventionsTest extends ServiceConventionsContract {
}
