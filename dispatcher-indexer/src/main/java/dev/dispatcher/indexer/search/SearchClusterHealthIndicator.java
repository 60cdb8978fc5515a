package dev.dispatcher.indexer.search;

import java.io.IOException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Readiness: the search cluster answers {@code GET /}. Liveness does not look at it: a cluster outage is waited out. */
public class SearchClusterHealthIndicator implements HealthIndicator {

    private final SearchClient search;

    public SearchClusterHealthIndicator(SearchClient search) {
        this.search = search;
    }

    @Override
    public Health health() {
        try {
            SearchClient.Response response = search.send("GET", "/", null, null);
            Health.Builder health = response.status() == 200 ? Health.up() : Health.down();
            return health.withDetail("hosts", search.hosts().toString()).withDetail("status", response.status()).build();
        } catch (IOException e) {
            return Health.down().withDetail("hosts", search.hosts().toString()).withDetail("error", e.toString()).build();
        }
    }
}
