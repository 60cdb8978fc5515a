package dev.dispatcher.api.plugin;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** How plugin registrations are read from Kafka, and the limits of {@code POST /api/v2/event/simulate}. */
@ConfigurationProperties("dispatcher.api.plugins")
public class PluginProperties {

    /** Longest single wait on the broker while reading the plugin topic; bounds how long shutdown waits for the reader. */
    private Duration pollTimeout = Duration.ofSeconds(1);

    /** Wait before the registry reader reconnects after the broker failed it. */
    private Duration retryBackoff = Duration.ofSeconds(5);

    /** How often the reader looks for partitions added to the plugin topic. */
    private Duration partitionCheckInterval = Duration.ofMinutes(1);

    /** Largest simulate body (one event); larger bodies are refused with 413. */
    private DataSize maxSimulateSize = DataSize.ofMegabytes(2);

    public Duration getPollTimeout() {
        return pollTimeout;
    }

    public void setPollTimeout(Duration pollTimeout) {
        this.pollTimeout = pollTimeout;
    }

    public Duration getRetryBackoff() {
        return retryBackoff;
    }

    public void setRetryBackoff(Duration retryBackoff) {
        this.retryBackoff = retryBackoff;
    }

    public Duration getPartitionCheckInterval() {
        return partitionCheckInterval;
    }

    public void setPartitionCheckInterval(Duration partitionCheckInterval) {
        this.partitionCheckInterval = partitionCheckInterval;
    }

    public DataSize getMaxSimulateSize() {
        return maxSimulateSize;
    }

    public void setMaxSimulateSize(DataSize maxSimulateSize) {
        this.maxSimulateSize = maxSimulateSize;
    }
}
