package dev.dispatcher.indexer;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the indexer ({@code dispatcher.indexer.*}). The Arkime Kafka indexer's environment names
 * ({@code BULKER_*}, {@code ELASTIC_*}, {@code KAFKA_CONSUMER_*}, {@code KAFKA_PRODUCER_TOPIC}) feed these through
 * {@code application.yml}; docs/indexer.md lists every one.
 */
@ConfigurationProperties("dispatcher.indexer")
public class IndexerProperties {

    /** The search cluster (Elasticsearch 7/8/9 or OpenSearch 2/3), spoken to over plain HTTP {@code _bulk}. */
    private final Search search = new Search();
    /** When a batch is sent. */
    private final Bulk bulk = new Bulk();
    /** Retries of failed bulk requests and items. */
    private final Retry retry = new Retry();
    /** Our events topics → one index per model (per source for binary events). */
    private final Events events = new Events();
    /** Arkime-compatible passthrough: message values already are {@code _bulk} NDJSON. */
    private final Passthrough passthrough = new Passthrough();
    /** Parallel bulkers per pipeline: each is a consumer of the pipeline's group with its own batch ({@code ELASTIC_INDEXER_INSTANCES}). */
    private int instances = 1;
    /** A message larger than this is not sent to the cluster but to the dead-letter topic. */
    private DataSize maxMessageSize = DataSize.ofMegabytes(5);
    /** How long a stopping indexer keeps trying to flush its last batch before it stops without committing it. */
    private Duration shutdownFlushTimeout = Duration.ofSeconds(15);

    public Search getSearch() { return search; }
    public Bulk getBulk() { return bulk; }
    public Retry getRetry() { return retry; }
    public Events getEvents() { return events; }
    public Passthrough getPassthrough() { return passthrough; }
    public int getInstances() { return instances; }
    public void setInstances(int instances) { this.instances = instances; }
    public DataSize getMaxMessageSize() { return maxMessageSize; }
    public void setMaxMessageSize(DataSize maxMessageSize) { this.maxMessageSize = maxMessageSize; }
    public Duration getShutdownFlushTimeout() { return shutdownFlushTimeout; }
    public void setShutdownFlushTimeout(Duration shutdownFlushTimeout) { this.shutdownFlushTimeout = shutdownFlushTimeout; }

    public static class Search {
        /** Cluster hosts: {@code host}, {@code host:port} or a full URL; bare hosts get {@link #port} and {@link #https}. */
        private List<String> hosts = List.of("127.0.0.1");
        /** Port of hosts given without one ({@code ELASTIC_SERVICE_PORT}). */
        private int port = 9200;
        /** Whether hosts given without a scheme use HTTPS ({@code ELASTIC_USE_HTTPS}). */
        private boolean https;
        /** Basic-auth user ({@code ELASTIC_USERNAME}); empty for none. */
        private String username = "";
        /** Basic-auth password ({@code ELASTIC_PASSWORD}). */
        private String password = "";
        /** API key, sent as {@code Authorization: ApiKey <key>} ({@code ELASTIC_API_KEY}); wins over basic auth. */
        private String apiKey = "";
        /** Timeout of one {@code _bulk} request ({@code ELASTIC_CLIENT_BULK_TIMEOUT}). */
        private Duration requestTimeout = Duration.ofSeconds(30);
        /** Timeout of connecting to a host. */
        private Duration connectTimeout = Duration.ofSeconds(5);
        /** Trust every server certificate (test clusters with self-signed certificates only). */
        private boolean insecure;

        public List<String> getHosts() { return hosts; }
        public void setHosts(List<String> hosts) { this.hosts = hosts; }
        public int getPort() { return port; }
        public void setPort(int port) { this.port = port; }
        public boolean isHttps() { return https; }
        public void setHttps(boolean https) { this.https = https; }
        public String getUsername() { return username; }
        public void setUsername(String username) { this.username = username; }
        public String getPassword() { return password; }
        public void setPassword(String password) { this.password = password; }
        public String getApiKey() { return apiKey; }
        public void setApiKey(String apiKey) { this.apiKey = apiKey; }
        public Duration getRequestTimeout() { return requestTimeout; }
        public void setRequestTimeout(Duration requestTimeout) { this.requestTimeout = requestTimeout; }
        public Duration getConnectTimeout() { return connectTimeout; }
        public void setConnectTimeout(Duration connectTimeout) { this.connectTimeout = connectTimeout; }
        public boolean isInsecure() { return insecure; }
        public void setInsecure(boolean insecure) { this.insecure = insecure; }
    }

    public static class Bulk {
        /** Send a batch at the latest this long after its first message arrived ({@code BULKER_FLUSH_INTERVAL}). */
        private Duration flushInterval = Duration.ofSeconds(10);
        /** Send a batch once its body reaches this size ({@code BULKER_MAX_BYTES}). */
        private DataSize maxBytes = DataSize.ofMegabytes(10);
        /** Send a batch once it holds this many Kafka messages ({@code BULKER_MAX_MESSAGES}). */
        private int maxMessages = 1000;

        public Duration getFlushInterval() { return flushInterval; }
        public void setFlushInterval(Duration flushInterval) { this.flushInterval = flushInterval; }
        public DataSize getMaxBytes() { return maxBytes; }
        public void setMaxBytes(DataSize maxBytes) { this.maxBytes = maxBytes; }
        public int getMaxMessages() { return maxMessages; }
        public void setMaxMessages(int maxMessages) { this.maxMessages = maxMessages; }
    }

    public static class Retry {
        /** First wait after a failed bulk request; doubles each attempt, with jitter. */
        private Duration initialBackoff = Duration.ofMillis(200);
        /** Longest wait between two attempts. Attempts never stop: nothing is dropped. */
        private Duration maxBackoff = Duration.ofSeconds(30);

        public Duration getInitialBackoff() { return initialBackoff; }
        public void setInitialBackoff(Duration initialBackoff) { this.initialBackoff = initialBackoff; }
        public Duration getMaxBackoff() { return maxBackoff; }
        public void setMaxBackoff(Duration maxBackoff) { this.maxBackoff = maxBackoff; }
    }

    public static class Events {
        /** Whether our event topics are indexed. */
        private boolean enabled = true;
        /** Consumer group; empty for {@code <namespace>.<prefix>.indexer-events}. */
        private String group = "";
        /** Index names: {@code <prefix><model>}, and {@code <prefix>binary-<source>} for binary events. */
        private String indexPrefix = "dispatcher-events-";

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public String getGroup() { return group; }
        public void setGroup(String group) { this.group = group; }
        public String getIndexPrefix() { return indexPrefix; }
        public void setIndexPrefix(String indexPrefix) { this.indexPrefix = indexPrefix; }
    }

    public static class Passthrough {
        /** Topic of {@code _bulk} NDJSON messages ({@code KAFKA_CONSUMER_TOPIC}); empty turns the pipeline off. */
        private String topic = "";
        /** Its consumer group ({@code KAFKA_CONSUMER_GROUP_NAME}); required with a topic. */
        private String group = "";
        /** Where rejected items go ({@code KAFKA_PRODUCER_TOPIC}); empty for the suite's dead-letter topic. */
        private String deadLetterTopic = "";

        public String getTopic() { return topic; }
        public void setTopic(String topic) { this.topic = topic; }
        public String getGroup() { return group; }
        public void setGroup(String group) { this.group = group; }
        public String getDeadLetterTopic() { return deadLetterTopic; }
        public void setDeadLetterTopic(String deadLetterTopic) { this.deadLetterTopic = deadLetterTopic; }
    }
}
