package dev.dispatcher.common.web;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure into an {@link ApiError}: the caller's mistakes into 4xx naming what to fix,
 * ours into a 5xx that is logged with its cause and shows no internals.
 */
@RestControllerAdvice
public class ErrorHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ErrorHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> refused(ApiException e) {
        if (e.status().is5xxServerError()) {
            log.warn("{}: {}", e.code(), e.getMessage());
        }
        return e.toError().toResponse(e.headers());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, WebRequest request) {
        log.error("Unexpected failure serving {}", request.getDescription(false), e);
        return ApiError.of(500, "Internal Server Error", "The service failed; the cause is in its log.",
                "internal_error", Map.of()).toResponse(null);
    }

    /** Spring MVC's own exceptions (missing parameter, wrong method, unknown path, ...) in our format. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        if (e instanceof AsyncRequestNotUsableException) {
            return null; // the client went away: nothing can be sent
        }
        String detail = body instanceof ProblemDetail problem && problem.getDetail() != null
                ? problem.getDetail() : e.getMessage();
        Map<String, String> params = Map.of();
        String code = code(status);
        if (e instanceof MissingServletRequestParameterException missing) {
            params = Map.of("parameter", missing.getParameterName());
            code = "missing_parameter";
            detail = "Query parameter '" + missing.getParameterName() + "' is required.";
        } else if (e instanceof TypeMismatchException mismatch && mismatch.getPropertyName() != null) {
            params = Map.of("parameter", mismatch.getPropertyName());
            code = "invalid_parameter";
            detail = "Parameter '" + mismatch.getPropertyName() + "' has an invalid value '" + mismatch.getValue() + "'.";
        }
        if (status.is5xxServerError()) {
            log.error("Failure serving {}", request.getDescription(false), e);
        }
        HttpStatus known = HttpStatus.resolve(status.value());
        return ApiError.of(status.value(), known == null ? "Error" : known.getReasonPhrase(), detail, code, params)
                .toResponse(headers);
    }

    private static String code(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> "bad_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 503 -> "unavailable";
            default -> status.is4xxClientError() ? "bad_request" : "internal_error";
        };
    }
}
