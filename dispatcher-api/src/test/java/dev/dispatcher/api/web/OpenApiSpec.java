package dev.dispatcher.api.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The OpenAPI file as the tests read it: parsed with Jackson YAML, with local {@code $ref}s followed. */
final class OpenApiSpec {

    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private final JsonNode root;

    private OpenApiSpec(JsonNode root) {
        this.root = root;
    }

    /** The file on the classpath ({@link OpenApiDocument#LOCATION}). */
    static OpenApiSpec load() {
        return new OpenApiSpec(YAML.readTree(bytes()));
    }

    static byte[] bytes() {
        try (InputStream in = new ClassPathResource(OpenApiDocument.LOCATION).getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parseYaml(byte[] yaml) {
        return YAML.readTree(yaml);
    }

    JsonNode root() {
        return root;
    }

    /** {@code node}, or what its {@code $ref} (a local {@code #/...} pointer) points at, followed until it is no reference. */
    JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref"); hops++) {
            if (hops > 20) {
                throw new IllegalStateException("$ref loop at " + node);
            }
            current = pointer(current.get("$ref").asString());
        }
        return current;
    }

    /** The node a local reference such as {@code #/components/schemas/Event} names; fails when there is none. */
    JsonNode pointer(String ref) {
        if (!ref.startsWith("#/")) {
            throw new IllegalArgumentException("Not a local reference: " + ref);
        }
        JsonNode target = root.at(JsonPointer.compile(ref.substring(1)));
        if (target.isMissingNode()) {
            throw new IllegalArgumentException("Reference to nothing: " + ref);
        }
        return target;
    }

    /** One operation: method (upper case), path template and the operation object. */
    record Operation(String method, String path, JsonNode node) {

        String key() {
            return method + " " + path;
        }
    }

    List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        root.path("paths").properties().forEach(path -> path.getValue().properties().forEach(member -> {
            if (METHODS.contains(member.getKey())) {
                operations.add(new Operation(member.getKey().toUpperCase(Locale.ROOT), path.getKey(), member.getValue()));
            }
        }));
        return operations;
    }

    Operation operation(String operationId) {
        return operations().stream().filter(o -> o.node().path("operationId").asString().equals(operationId))
                .findFirst().orElseThrow(() -> new AssertionError("No operation " + operationId));
    }

    /** The operation's parameters (path-level ones first), references resolved. */
    List<JsonNode> parameters(Operation operation) {
        List<JsonNode> parameters = new ArrayList<>();
        root.path("paths").path(operation.path()).path("parameters").forEach(p -> parameters.add(resolve(p)));
        operation.node().path("parameters").forEach(p -> parameters.add(resolve(p)));
        return parameters;
    }

    /** The example named {@code name} under {@code components.examples}: its value. */
    JsonNode example(String name) {
        JsonNode example = root.path("components").path("examples").path(name);
        if (example.isMissingNode()) {
            throw new AssertionError("No example " + name);
        }
        return example.get("value");
    }
}
