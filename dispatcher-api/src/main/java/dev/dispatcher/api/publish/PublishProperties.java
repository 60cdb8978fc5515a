package dev.dispatcher.api.publish;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** How events are accepted over HTTP and handed to Kafka by {@code POST /api/v2/event}. */
@ConfigurationProperties("dispatcher.api.publish")
public class PublishProperties {

    /** Largest JSON of one event as received; a larger one refuses the whole request with 413. */
    private DataSize maxEventSize = DataSize.ofMegabytes(2);

    /** Largest request body, enforced while reading (not only from Content-Length); larger is refused with 413. */
    private DataSize maxRequestSize = DataSize.ofMegabytes(64);

    /** With {@code sync=true}, how long to wait for the broker to acknowledge every record before answering 503. */
    private Duration sendTimeout = Duration.ofSeconds(10);

    /** How long handing a record to the producer may block on missing topic metadata or a full buffer ({@code max.block.ms}); past it the request gets 503. */
    private Duration maxBlock = Duration.ofSeconds(5);

    public DataSize getMaxEventSize() {
        return maxEventSize;
    }

    public void setMaxEventSize(DataSize maxEventSize) {
        this.maxEventSize = maxEventSize;
    }

    public DataSize getMaxRequestSize() {
        return maxRequestSize;
    }

    public void setMaxRequestSize(DataSize maxRequestSize) {
        this.maxRequestSize = maxRequestSize;
    }

    public Duration getSendTimeout() {
        return sendTimeout;
    }

    public void setSendTimeout(Duration sendTimeout) {
        this.sendTimeout = sendTimeout;
    }

    public Duration getMaxBlock() {
        return maxBlock;
    }

    public void setMaxBlock(Duration maxBlock) {
        this.maxBlock = maxBlock;
    }
}
