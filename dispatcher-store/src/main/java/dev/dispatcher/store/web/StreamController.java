package dev.dispatcher.store.web;

import dev.dispatcher.common.web.ApiException;
import dev.dispatcher.store.StoreMetrics;
import dev.dispatcher.store.StoreMetrics.Operation;
import dev.dispatcher.store.StoreProperties;
import dev.dispatcher.store.StreamService;
import dev.dispatcher.store.StreamService.Datastream;
import dev.dispatcher.store.StreamService.Deletion;
import dev.dispatcher.store.backend.BlobBackend.BlobInfo;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The streams API, {@code /api/v3/stream} (DESIGN §6, docs/streams-api.md). */
@RestController
@RequestMapping("/api/v3/stream")
public class StreamController {

    private final StreamService streams;
    private final StoreProperties properties;
    private final StoreMetrics metrics;

    public StreamController(StreamService streams, StoreProperties properties, StoreMetrics metrics) {
        this.streams = streams;
        this.properties = properties;
        this.metrics = metrics;
    }

    /** Upload: the raw body (any or no Content-Type, chunked or not). */
    @PostMapping(path = "/{source}/{label}", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Datastream> upload(@PathVariable String source, @PathVariable String label,
                                          @RequestParam(name = "expected-sha256", required = false) String expected,
                                          @RequestParam(name = "skip-identify", defaultValue = "false") boolean skipIdentify,
                                          @RequestHeader(name = HttpHeaders.USER_AGENT, required = false) String client,
                                          HttpServletRequest request) throws IOException {
        String validSource = StreamService.source(source);
        String validLabel = StreamService.label(label);
        String expectedSha256 = expected == null ? null : StreamService.sha256(expected, "expected-sha256");
        Datastream data = streams.upload(validSource, validLabel, request.getInputStream(),
                request.getContentLengthLong(), expectedSha256, skipIdentify, client);
        return Map.of("data", data);
    }

    /** 200 with the blob's length when present, 404 when not. */
    @RequestMapping(path = "/{source}/{label}/{sha256}", method = RequestMethod.HEAD)
    public ResponseEntity<Void> exists(@PathVariable String source, @PathVariable String label,
                                       @PathVariable String sha256) {
        long started = System.nanoTime();
        String result = "failed";
        try {
            Optional<BlobInfo> info = streams.info(StreamService.source(source), StreamService.label(label),
                    StreamService.sha256(sha256, "sha256"));
            result = info.isPresent() ? "found" : "not_found";
            return info.<ResponseEntity<Void>>map(blob -> ResponseEntity.ok()
                            .contentType(MediaType.APPLICATION_OCTET_STREAM)
                            .contentLength(blob.size())
                            .header(HttpHeaders.ACCEPT_RANGES, "bytes")
                            .build())
                    .orElseGet(() -> ResponseEntity.notFound().build());
        } finally {
            metrics.exist(result);
            metrics.time(Operation.EXIST, result, System.nanoTime() - started);
        }
    }

    /** The bytes; one {@code Range} gives 206, a start past the end 416. */
    @GetMapping("/{source}/{label}/{sha256}")
    public void download(@PathVariable String source, @PathVariable String label, @PathVariable String sha256,
                         @RequestHeader(name = HttpHeaders.RANGE, required = false) String range,
                         HttpServletResponse response) throws IOException {
        long started = System.nanoTime();
        String result = "failed";
        long sent = 0;
        try {
            String s = StreamService.source(source);
            String l = StreamService.label(label);
            String h = StreamService.sha256(sha256, "sha256");
            Optional<BlobInfo> info = streams.info(s, l, h);
            if (info.isEmpty()) {
                result = "not_found";
                throw new ApiException(HttpStatus.NOT_FOUND, "not_found",
                        "No stream " + h + " with label " + l + " in source " + s + ".", Map.of("parameter", "sha256"));
            }
            long size = info.get().size();
            ByteRange requested = ByteRange.parse(range, size);
            if (requested == ByteRange.UNSATISFIABLE) {
                result = "unsatisfiable";
                response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + size);
                throw new ApiException(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "range_not_satisfiable",
                        "Range '" + range + "' starts past the end of the stream (" + size + " bytes).",
                        Map.of("parameter", "Range"));
            }
            ByteRange served = requested == null ? new ByteRange(0, size - 1) : requested;
            try (InputStream in = streams.open(s, l, h, served.first(), served.length())) {
                response.setStatus(requested == null ? HttpServletResponse.SC_OK : HttpServletResponse.SC_PARTIAL_CONTENT);
                response.setContentType(MediaType.APPLICATION_OCTET_STREAM_VALUE);
                response.setContentLengthLong(served.length());
                response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
                response.setHeader(HttpHeaders.ETAG, "\"" + h + "\"");
                if (requested != null) {
                    response.setHeader(HttpHeaders.CONTENT_RANGE,
                            "bytes " + served.first() + "-" + served.last() + "/" + size);
                }
                OutputStream out = response.getOutputStream();
                sent = in.transferTo(out);
                out.flush();
            }
            result = requested == null ? "ok" : "partial";
        } finally {
            metrics.download(result, sent);
            metrics.time(Operation.DOWNLOAD, result, System.nanoTime() - started);
        }
    }

    /** Deletes a blob: {@code {"deleted": true}}, or with {@code ifOlderThan} false when it is newer; 404 when absent. */
    @DeleteMapping(path = "/{source}/{label}/{sha256}", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Boolean> delete(@PathVariable String source, @PathVariable String label,
                                       @PathVariable String sha256,
                                       @RequestParam(name = "ifOlderThan", required = false) Long ifOlderThan,
                                       @RequestHeader(name = HttpHeaders.USER_AGENT, required = false) String client) {
        long started = System.nanoTime();
        String result = "failed";
        try {
            if (!properties.isAllowDelete()) {
                result = "disabled";
                throw ApiException.methodNotAllowed("delete_disabled",
                        "Deleting streams is turned off on this store (dispatcher.store.allow-delete=false).",
                        Set.of(HttpMethod.GET, HttpMethod.HEAD));
            }
            String s = StreamService.source(source);
            String l = StreamService.label(label);
            String h = StreamService.sha256(sha256, "sha256");
            if (ifOlderThan != null && ifOlderThan < 0) {
                result = "refused";
                throw ApiException.badParameter("ifOlderThan", "ifOlderThan is a time in Unix seconds, not negative.");
            }
            Deletion deletion = streams.delete(s, l, h, ifOlderThan == null ? null : Instant.ofEpochSecond(ifOlderThan), client);
            switch (deletion) {
                case ABSENT -> {
                    result = "not_found";
                    throw new ApiException(HttpStatus.NOT_FOUND, "not_found",
                            "No stream " + h + " with label " + l + " in source " + s + ".", Map.of("parameter", "sha256"));
                }
                case KEPT_NEWER -> result = "kept";
                case DELETED -> result = "deleted";
            }
            return Map.of("deleted", deletion == Deletion.DELETED);
        } catch (ApiException e) {
            if ("failed".equals(result)) {
                result = "refused";
            }
            throw e;
        } finally {
            metrics.delete(result);
            metrics.time(Operation.DELETE, result, System.nanoTime() - started);
        }
    }

    /** Any other shape of stream path (an empty segment, one too many, ...) is the caller's mistake. */
    @RequestMapping("/**")
    public void malformed(HttpServletRequest request) {
        throw ApiException.badParameter("path", "'" + request.getRequestURI() + "' is not a stream path: "
                + "/api/v3/stream/{source}/{label} (POST) or /api/v3/stream/{source}/{label}/{sha256}.");
    }
}
