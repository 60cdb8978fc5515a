package dev.dispatcher.indexer;

import dev.dispatcher.common.topic.TopicPlan;
import dev.dispatcher.indexer.pipeline.Pipelines;
import dev.dispatcher.indexer.pipeline.PipelinesHealthIndicator;
import dev.dispatcher.indexer.search.SearchClient;
import dev.dispatcher.indexer.search.SearchClusterHealthIndicator;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The indexer's parts: the search client, its readiness check, the metrics and the pipelines. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IndexerProperties.class)
class IndexerConfiguration {

    @Bean
    SearchClient searchClient(IndexerProperties properties) {
        return new SearchClient(properties.getSearch());
    }

    @Bean
    SearchClusterHealthIndicator searchClusterHealthIndicator(SearchClient searchClient) {
        return new SearchClusterHealthIndicator(searchClient);
    }

    @Bean
    IndexerMetrics indexerMetrics(MeterRegistry registry) {
        return new IndexerMetrics(registry);
    }

    @Bean
    Pipelines pipelines(IndexerProperties properties, KafkaProperties kafka, TopicPlan plan, SearchClient searchClient,
                        IndexerMetrics metrics) {
        return new Pipelines(properties, kafka, plan, searchClient, metrics);
    }

    @Bean
    PipelinesHealthIndicator pipelinesHealthIndicator(Pipelines pipelines) {
        return new PipelinesHealthIndicator(pipelines);
    }
}
