package dev.dispatcher.store.web;

import dev.dispatcher.common.web.ApiError;
import dev.dispatcher.store.StoreEvents.EventsUnavailableException;
import dev.dispatcher.store.StreamService.UploadAbortedException;
import dev.dispatcher.store.backend.BackendUnavailableException;
import dev.dispatcher.store.backend.BlobNotFoundException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The store's own failures in the shared error format; everything else goes to the common handler. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class StoreErrors {

    private static final Logger log = LoggerFactory.getLogger(StoreErrors.class);

    @ExceptionHandler(BackendUnavailableException.class)
    ResponseEntity<Object> backendDown(BackendUnavailableException e) {
        log.warn("blob backend unavailable: {}", e.getMessage());
        return ApiError.of(503, "Service Unavailable", "The blob store's backend is unavailable; nothing was changed. Retry later.",
                "backend_unavailable", Map.of()).toResponse(null);
    }

    @ExceptionHandler(EventsUnavailableException.class)
    ResponseEntity<Object> eventsDown(EventsUnavailableException e) {
        return ApiError.of(503, "Service Unavailable", "Kafka did not acknowledge the store event; retry the request.",
                "events_unavailable", Map.of()).toResponse(null);
    }

    @ExceptionHandler(BlobNotFoundException.class)
    ResponseEntity<Object> gone(BlobNotFoundException e) {
        return ApiError.of(404, "Not Found", "The stream is not there (any more).", "not_found",
                Map.of("parameter", "sha256")).toResponse(null);
    }

    @ExceptionHandler(UploadAbortedException.class)
    ResponseEntity<Object> aborted(UploadAbortedException e) {
        log.debug("upload aborted: {}", String.valueOf(e.getCause()));
        return ApiError.of(400, "Bad Request", "The request body ended before it was complete; nothing was stored.",
                "body_incomplete", Map.of("parameter", "body")).toResponse(null);
    }
}
