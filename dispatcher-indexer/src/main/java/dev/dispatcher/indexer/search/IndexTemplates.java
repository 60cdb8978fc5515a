package dev.dispatcher.indexer.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The index template of the events indices (mappings of the fields plugins search on), kept in
 * {@code events-index-template.json} and installed with {@code PUT _index_template/<name>}, which Elasticsearch 7.8+
 * and OpenSearch 1+ both take. Installing is idempotent: every start puts the current version.
 */
public final class IndexTemplates {

    private final SearchClient search;
    private final String name;
    private final byte[] body;

    public IndexTemplates(SearchClient search, String indexPrefix) {
        this.search = search;
        this.name = indexPrefix.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_-]", "") + "template";
        try (InputStream in = IndexTemplates.class.getResourceAsStream("/events-index-template.json")) {
            String template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            this.body = template.replace("${index-pattern}", indexPrefix.toLowerCase(java.util.Locale.ROOT) + "*")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("events-index-template.json missing from the jar", e);
        }
    }

    public String name() {
        return name;
    }

    /** Puts the template; throws when the cluster cannot be reached or refuses it. */
    public void install() throws IOException {
        SearchClient.Response response = search.send("PUT", "/_index_template/" + name, "application/json", body);
        if (response.status() != 200) {
            throw new IOException("PUT _index_template/" + name + " answered " + response.status() + ": "
                    + response.text());
        }
    }
}
