package dev.dispatcher.indexer;

import dev.dispatcher.common.testing.OpenSearchNode;
import dev.dispatcher.common.testing.ServiceConventionsContract;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * dispatcher-indexer boots on the shared broker and the shared OpenSearch node (its readiness includes the search
 * cluster), provisions its topics, and serves health and metrics.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"dispatcher.topics.prefix=indexer-conventions", "dispatcher.topics.sources-helm=testing: {}"})
class IndexerServiceConventionsTest extends ServiceConventionsContract {

    @DynamicPropertySource
    static void search(DynamicPropertyRegistry registry) {
        registry.add("dispatcher.indexer.search.hosts", () -> OpenSearchNode.httpUri().toString());
    }
}
