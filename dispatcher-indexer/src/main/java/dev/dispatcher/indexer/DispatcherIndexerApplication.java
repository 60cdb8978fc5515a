package dev.dispatcher.indexer;

import dev.dispatcher.common.kafka.NativeLz4;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** dispatcher-indexer: Kafka to Elasticsearch/OpenSearch bulk indexer. */
@SpringBootApplication
public class DispatcherIndexerApplication {

    public static void main(String[] args) {
        NativeLz4.load(); // before any Kafka client: see NativeLz4
        SpringApplication.run(DispatcherIndexerApplication.class, args);
    }
}
