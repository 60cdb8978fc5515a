package dev.dispatcher.api.consume;

import dev.dispatcher.common.topic.TopicLayout;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** How plugins' fetches are served: limits, long-poll timing, and per-plugin consumer lifetime. */
@ConfigurationProperties("dispatcher.api.consume")
public class ConsumeProperties {

    /** Largest {@code count} a fetch may ask for; larger requests are capped to it. */
    private int maxCount = 1000;

    /** How long a fetch waits to fill {@code count} when the client gives no {@code timeout}/{@code deadline}. */
    private Duration defaultTimeout = Duration.ofSeconds(5);

    /** Longest wait a client may ask for; longer requests are capped to it. */
    private Duration maxTimeout = Duration.ofSeconds(60);

    /** A plugin's consumer not polled for this long is closed, so its partitions move to replicas that are polled. */
    private Duration idleTime = Duration.ofMinutes(2);

    /** How often idle consumers are looked for. */
    private Duration idleCheckInterval = Duration.ofSeconds(10);

    /** How often every plugin's consumer lag ({@code dispatcher_consumers_lag}) is read from Kafka; 0 turns it off. */
    private Duration lagInterval = Duration.ofSeconds(30);

    /** Records fetched ahead per partition; a partition holding this many is paused until fetches take them. */
    private int bufferRecords = 250;

    /** Records one broker fetch may return per consumer ({@code max.poll.records}). */
    private int maxPollRecords = 500;

    /**
     * Kafka group protocol of the per-plugin consumers: {@code consumer} (KIP-848, fast incremental rebalances;
     * brokers 4.0 and later) or {@code classic} (with the cooperative-sticky assignor).
     */
    private String groupProtocol = "consumer";

    /** Prefix of every consumer group id; the topic namespace and prefix are added to it. */
    private String groupPrefix = "dispatcher";

    public int getMaxCount() {
        return maxCount;
    }

    public void setMaxCount(int maxCount) {
        this.maxCount = maxCount;
    }

    public Duration getDefaultTimeout() {
        return defaultTimeout;
    }

    public void setDefaultTimeout(Duration defaultTimeout) {
        this.defaultTimeout = defaultTimeout;
    }

    public Duration getMaxTimeout() {
        return maxTimeout;
    }

    public void setMaxTimeout(Duration maxTimeout) {
        this.maxTimeout = maxTimeout;
    }

    public Duration getIdleTime() {
        return idleTime;
    }

    public void setIdleTime(Duration idleTime) {
        this.idleTime = idleTime;
    }

    public Duration getLagInterval() {
        return lagInterval;
    }

    public void setLagInterval(Duration lagInterval) {
        this.lagInterval = lagInterval;
    }

    public Duration getIdleCheckInterval() {
        return idleCheckInterval;
    }

    public void setIdleCheckInterval(Duration idleCheckInterval) {
        this.idleCheckInterval = idleCheckInterval;
    }

    public int getBufferRecords() {
        return bufferRecords;
    }

    public void setBufferRecords(int bufferRecords) {
        this.bufferRecords = bufferRecords;
    }

    public int getMaxPollRecords() {
        return maxPollRecords;
    }

    public void setMaxPollRecords(int maxPollRecords) {
        this.maxPollRecords = maxPollRecords;
    }

    public String getGroupProtocol() {
        return groupProtocol;
    }

    public void setGroupProtocol(String groupProtocol) {
        this.groupProtocol = groupProtocol;
    }

    /** A consumer group id of this deployment: {@code <group prefix>.<namespace>.<topic prefix>.<segments...>}. */
    public String groupId(TopicLayout layout, String... segments) {
        StringBuilder id = new StringBuilder(groupPrefix).append('.').append(layout.namespace()).append('.')
                .append(layout.prefix());
        for (String segment : segments) {
            id.append('.').append(segment);
        }
        return id.toString();
    }

    public String getGroupPrefix() {
        return groupPrefix;
    }

    public void setGroupPrefix(String groupPrefix) {
        this.groupPrefix = groupPrefix;
    }
}
