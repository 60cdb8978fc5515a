package dev.dispatcher.api.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The hand-written OpenAPI description of this service ({@value #LOCATION} on the classpath), read
 * once at startup: as the YAML file byte for byte, and as the same tree in JSON.
 *
 * <p>There is exactly one description: springdoc's generated one is switched off
 * ({@code springdoc.api-docs.enabled=false}); {@code OpenApiDocumentTest} keeps this file and the
 * handler mappings of the app in step.
 */
public final class OpenApiDocument {

    /** Where the description lives on the classpath. */
    public static final String LOCATION = "openapi/events-api.yaml";

    private final byte[] yaml;
    private final byte[] json;

    private OpenApiDocument(byte[] yaml) {
        this.yaml = yaml;
        JsonNode tree = YAMLMapper.builder().build().readTree(yaml);
        if (tree == null || !tree.isObject() || !tree.path("openapi").isString()) {
            throw new IllegalStateException(LOCATION + " is not an OpenAPI document (no top-level 'openapi' member)");
        }
        this.json = JsonMapper.builder().build().writeValueAsBytes(tree);
    }

    /** Reads the description from the classpath; a missing or unreadable file stops the startup. */
    public static OpenApiDocument load() {
        return from(new ClassPathResource(LOCATION));
    }

    static OpenApiDocument from(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return new OpenApiDocument(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the OpenAPI description " + LOCATION, e);
        }
    }

    /** The file exactly as written. */
    public byte[] yaml() {
        return yaml.clone();
    }

    /** The same document as JSON. */
    public byte[] json() {
        return json.clone();
    }
}
