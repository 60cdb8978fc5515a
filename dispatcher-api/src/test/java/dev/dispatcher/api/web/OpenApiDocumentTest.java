package dev.dispatcher.api.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatcher.api.DispatcherApiApplication;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI description cannot silently drift from the code: every {@code /api/**} operation it
 * describes is a handler mapping of the running app and every {@code /api/**} handler mapping is
 * described; every documented query parameter is one the server reads; the operational endpoints
 * answer as documented; and what the app serves at {@code /v3/api-docs(.yaml)} and shows in Swagger
 * UI is that one file. No broker: requests that would reach Kafka answer 503.
 */
@SpringBootTest(classes = DispatcherApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.kafka.bootstrap-servers=127.0.0.1:1", "dispatcher.topics.provision=false"})
class OpenApiDocumentTest {

    private static final OpenApiSpec SPEC = OpenApiSpec.load();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    ApplicationContext context;

    @LocalServerPort
    int port;

    // ---- the /api/** operations and the app's handler mappings ---------------------------------------

    @Test
    void everyDocumentedApiOperationIsHandledByTheApp() {
        assertThat(handledApiOperations())
                .as("handler mappings of the app; the document describes %s", documentedApiOperations())
                .containsAll(documentedApiOperations());
    }

    @Test
    void everyApiHandlerOfTheAppIsDocumented() {
        assertThat(documentedApiOperations())
                .as("operations in %s; the app handles %s", OpenApiDocument.LOCATION, handledApiOperations())
                .containsAll(handledApiOperations());
    }

    private static Set<String> documentedApiOperations() {
        Set<String> operations = new TreeSet<>();
        SPEC.operations().stream().filter(o -> o.path().startsWith("/api/")).forEach(o -> operations.add(o.key()));
        assertThat(operations).as("the document describes no /api/** operation").isNotEmpty();
        return operations;
    }

    /** {@code METHOD /path} of every {@code /api/**} mapping; a mapping for any method shows as {@code * /path}. */
    private Set<String> handledApiOperations() {
        Set<String> operations = new TreeSet<>();
        context.getBeansOfType(RequestMappingHandlerMapping.class).values().forEach(mapping ->
                mapping.getHandlerMethods().keySet().forEach(info -> {
                    for (String pattern : info.getPatternValues()) {
                        if (pattern.startsWith("/api/")) {
                            methods(info).forEach(method -> operations.add(method + " " + pattern));
                        }
                    }
                }));
        assertThat(operations).as("the app has no /api/** handler mapping").isNotEmpty();
        return operations;
    }

    private static List<String> methods(RequestMappingInfo info) {
        var methods = info.getMethodsCondition().getMethods();
        return methods.isEmpty() ? List.of("*") : methods.stream().map(Enum::name).toList();
    }

    // ---- every documented query parameter is one the server reads --------------------------------------

    /**
     * Each {@code /api/**} query parameter with a value the server must refuse: 400 naming exactly
     * that parameter proves the server reads it under the documented name. Parameters the document
     * marks as accepted-and-ignored must not be refused.
     */
    static Stream<Arguments> documentedQueryParameters() {
        List<Arguments> cases = new ArrayList<>();
        for (OpenApiSpec.Operation operation : SPEC.operations()) {
            if (!operation.path().startsWith("/api/")) {
                continue;
            }
            for (JsonNode parameter : SPEC.parameters(operation)) {
                if (parameter.path("in").asString().equals("query")) {
                    cases.add(Arguments.of(operation.key(), parameter.get("name").asString(), parameter));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} ?{1}")
    @MethodSource("documentedQueryParameters")
    void everyDocumentedQueryParameterIsReadByTheServer(String operation, String name, JsonNode parameter) throws Exception {
        String method = operation.substring(0, operation.indexOf(' '));
        String path = operation.substring(operation.indexOf(' ') + 1).replace("{model}", "binary");
        boolean fetch = path.contains("/passive") || path.contains("/active");
        List<String> query = new ArrayList<>();
        if (fetch && !name.equals("name")) {
            query.add("name=openapi-drift");
        }
        if (fetch && !name.equals("version")) {
            query.add("version=1");
        }
        if (parameter.path("x-dispatcher-ignored").asBoolean(false)) {
            query.add(name + "=" + encode("not-a-boolean"));
            HttpResponse<String> response = send(method, path, query);
            assertThat(response.statusCode()).as("%s is accepted and ignored: %s", name, response.body()).isNotEqualTo(400);
            return;
        }
        String bad = badValue(name, SPEC.resolve(parameter.path("schema")));
        if (bad == null) {
            assertThat(parameter.path("required").asBoolean(false))
                    .as("no value of %s can be refused; it should at least be required", name).isTrue();
        } else {
            query.add(name + "=" + encode(bad));
        }
        HttpResponse<String> response = send(method, path, query);

        assertThat(response.statusCode()).as("%s=%s: %s", name, bad, response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(JSON.readTree(response.body()).path("error_params").path("parameter").asString()).isEqualTo(name);
    }

    /** A value the documented schema allows the server to refuse, or null when there is none (a required string). */
    private static String badValue(String name, JsonNode schema) {
        if (name.equals("filter")) {
            return "$[?(@.size <";
        }
        if (name.equals("r-source")) {
            return "no-such-source";
        }
        if (schema.has("const")) {
            return schema.get("const").asBoolean() ? "false" : "true";
        }
        return switch (schema.path("type").asString()) {
            case "boolean" -> "sometimes";
            case "integer" -> "-1";
            case "array" -> {
                JsonNode items = SPEC.resolve(schema.path("items"));
                if (items.has("enum")) {
                    yield "not-an-action";
                }
                if (items.has("pattern")) {
                    yield ",executable/";
                }
                throw new AssertionError("No refusable value for " + name + " of schema " + schema);
            }
            case "string" -> schema.has("enum") ? "no-such-model" : null;
            default -> throw new AssertionError("No refusable value for " + name + " of schema " + schema);
        };
    }

    private HttpResponse<String> send(String method, String path, List<String> query) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path + (query.isEmpty() ? "" : "?" + String.join("&", query))))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json");
        if (method.equals("POST")) {
            // A valid event, so only the parameter under test can be refused before Kafka is asked.
            String event = JSON.writeValueAsString(SPEC.example("BinarySourcedEvent"));
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(event));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    // ---- operational endpoints answer as documented ---------------------------------------------------

    static Stream<String> operationalPaths() {
        return SPEC.operations().stream().filter(o -> !o.path().startsWith("/api/")).map(OpenApiSpec.Operation::key);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operationalPaths")
    void operationalEndpointsAnswerAsDocumented(String operation) throws Exception {
        assertThat(operation).startsWith("GET ");
        String path = operation.substring("GET ".length());
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base() + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());

        JsonNode documented = SPEC.root().path("paths").path(path).path("get").path("responses")
                .path(Integer.toString(response.statusCode()));
        assertThat(documented.isMissingNode()).as("%s answered %d, which is not documented", path, response.statusCode()).isFalse();
        MediaType actual = MediaType.parseMediaType(response.headers().firstValue("Content-Type").orElseThrow());
        List<MediaType> types = new ArrayList<>();
        SPEC.resolve(documented).path("content").propertyNames().forEach(type -> types.add(MediaType.parseMediaType(type)));
        assertThat(types).as("documented types of %s %d", path, response.statusCode())
                .anyMatch(type -> type.isCompatibleWith(actual));
    }

    // ---- the served description is the file -----------------------------------------------------------

    @Test
    void servedYamlIsTheFileByteForByte() throws Exception {
        HttpResponse<byte[]> response = get("/v3/api-docs.yaml");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(MediaType.parseMediaType(response.headers().firstValue("Content-Type").orElseThrow())
                .isCompatibleWith(MediaType.parseMediaType("application/yaml"))).isTrue();
        assertThat(response.body()).isEqualTo(OpenApiSpec.bytes());
        Path source = Path.of("src/main/resources", OpenApiDocument.LOCATION);
        if (Files.exists(source)) {
            assertThat(response.body()).as("the build copied %s unchanged", source).isEqualTo(Files.readAllBytes(source));
        }
    }

    @Test
    void servedJsonIsTheSameDocument() throws Exception {
        HttpResponse<byte[]> response = get("/v3/api-docs");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(MediaType.parseMediaType(response.headers().firstValue("Content-Type").orElseThrow())
                .isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
        assertThat(JSON.readTree(response.body())).isEqualTo(SPEC.root());
    }

    @Test
    void springdocGeneratesNoDescriptionOfItsOwn() {
        List<String> apiDocsHandlers = new ArrayList<>();
        context.getBeansOfType(RequestMappingHandlerMapping.class).values().forEach(mapping ->
                mapping.getHandlerMethods().forEach((info, handler) -> {
                    if (info.getPatternValues().stream().anyMatch(p -> p.startsWith("/v3/api-docs") && !p.endsWith("/swagger-config"))) {
                        apiDocsHandlers.add(handler.getBeanType().getName() + " " + info.getPatternValues());
                    }
                }));

        assertThat(apiDocsHandlers).hasSize(2).allMatch(h -> h.startsWith(OpenApiController.class.getName() + " "));
        assertThat(context.getBeanNamesForType(org.springdoc.api.AbstractOpenApiResource.class)).isEmpty();
    }

    // ---- Swagger UI shows the file ---------------------------------------------------------------------

    @Test
    void swaggerUiIsPointedAtTheFile() throws Exception {
        HttpResponse<byte[]> welcome = get("/swagger-ui.html");
        assertThat(welcome.statusCode()).isEqualTo(302);
        assertThat(welcome.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/swagger-ui/index.html"));

        HttpResponse<byte[]> page = get("/swagger-ui/index.html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(new String(page.body(), UTF_8)).contains("swagger-ui");

        HttpResponse<byte[]> config = get("/v3/api-docs/swagger-config");
        assertThat(config.statusCode()).isEqualTo(200);
        JsonNode settings = JSON.readTree(config.body());
        assertThat(settings.path("url").asString()).isEqualTo(OpenApiController.YAML_PATH);
        assertThat(settings.has("urls")).isFalse();
        assertThat(settings.path("showExtensions").asBoolean()).as("x-dispatcher-spelling is shown").isTrue();

        HttpResponse<byte[]> initializer = get("/swagger-ui/swagger-initializer.js");
        assertThat(initializer.statusCode()).isEqualTo(200);
        assertThat(new String(initializer.body(), UTF_8)).doesNotContain("petstore");
    }

    private HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, UTF_8);
    }
}
