package dev.dispatcher.indexer;

import dev.dispatcher.common.testing.OpenSearchNode;
import dev.dispatcher.common.testing.ServiceConventionsContract;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * dispatcher-indexer boots on the shared broker and the shared OpenSearch node (its readiness includes the search
 * cluster), provisions its topics, and serves health and metrics.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"dispatcher.topics.prefix=indexer-conventions", "dispatcher.topics.sources-helm=testing: {}",
                "dispatcher.indexer.bulk.flush-interval=200ms"})
class IndexerServiceConventionsTest extends ServiceConventionsContract {

    private static final String STATUS_TOPIC = "azul.indexer-conventions.system.status";

    @DynamicPropertySource
    static void search(DynamicPropertyRegistry registry) {
        registry.add("dispatcher.indexer.search.hosts", () -> OpenSearchNode.httpUri().toString());
    }

    @Override
    protected String service() {
        return "indexer";
    }

    /** A status indexed, one the mapping refuses (a timestamp that is not a date) and one that is not JSON. */
    @Override
    protected void exerciseForDashboards() {
        try (KafkaProducer<byte[], byte[]> producer = Kafka.producer()) {
            Kafka.send(producer, STATUS_TOPIC, "conventions-ok", "{\"timestamp\":\"2026-12-03T10:00:00Z\"}");
            Kafka.send(producer, STATUS_TOPIC, "conventions-refused", "{\"timestamp\":\"not a date\"}");
            Kafka.send(producer, STATUS_TOPIC, "conventions-unreadable", "not json");
        }
    }
}
