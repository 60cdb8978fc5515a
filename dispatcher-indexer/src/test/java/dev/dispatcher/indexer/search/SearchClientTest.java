package dev.dispatcher.indexer.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatcher.indexer.IndexerProperties;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchClientTest {

    @Test
    void bareHostsGetTheSchemeAndPortAndUrlsAreKept() {
        IndexerProperties.Search settings = new IndexerProperties.Search();
        settings.setHosts(List.of("es-1", " es-2:9201", "https://es-3/prefix", ""));
        settings.setPort(9300);
        settings.setHttps(true);
        assertThat(SearchClient.hosts(settings)).containsExactly(URI.create("https://es-1:9300/"),
                URI.create("https://es-2:9201/"), URI.create("https://es-3/prefix/"));
    }

    @Test
    void noHostIsAConfigurationError() {
        IndexerProperties.Search settings = new IndexerProperties.Search();
        settings.setHosts(List.of(" "));
        assertThatThrownBy(() -> SearchClient.hosts(settings)).hasMessageContaining("dispatcher.indexer.search.hosts");
    }
}
