package dev.dispatcher.indexer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** dispatcher-indexer: Kafka to Elasticsearch/OpenSearch bulk indexer. */
@SpringBootApplication
public class DispatcherIndexerApplication {

    public static void main(String[] args) {
        SpringApplication.run(DispatcherIndexerApplication.class, args);
    }
}
