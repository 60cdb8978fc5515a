package dev.dispatcher.api.web;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the OpenAPI description where springdoc would: {@code GET /v3/api-docs} (JSON) and
 * {@code GET /v3/api-docs.yaml} (the file as written). Swagger UI reads the YAML
 * ({@code springdoc.swagger-ui.url}).
 */
@RestController
class OpenApiController {

    static final String JSON_PATH = "/v3/api-docs";
    static final String YAML_PATH = "/v3/api-docs.yaml";
    static final MediaType YAML = MediaType.parseMediaType("application/yaml;charset=UTF-8");

    private final OpenApiDocument document;

    OpenApiController(OpenApiDocument document) {
        this.document = document;
    }

    @GetMapping(JSON_PATH)
    ResponseEntity<byte[]> json() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noCache()).body(document.json());
    }

    @GetMapping(YAML_PATH)
    ResponseEntity<byte[]> yaml() {
        return ResponseEntity.ok().contentType(YAML)
                .cacheControl(CacheControl.noCache()).body(document.yaml());
    }
}
