package dev.dispatcher.store;

import dev.dispatcher.store.backend.BlobBackend;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness of the blob backend ({@code blobStore} in the readiness group): the bucket answers, or the root
 * folder is writable. A bucket that was missing at startup because S3 was down is created once S3 answers.
 */
public class BlobStoreHealthIndicator implements HealthIndicator {

    private final BlobBackend backend;

    public BlobStoreHealthIndicator(BlobBackend backend) {
        this.backend = backend;
    }

    @Override
    public Health health() {
        try {
            backend.check();
            return Health.up().withDetail("backend", backend.describe()).build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("backend", backend.describe()).withDetail("error", e.getMessage()).build();
        }
    }
}
