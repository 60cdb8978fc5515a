package dev.dispatcher.common.web;

import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The error body of every service, sent as {@code application/problem+json}: exactly the members
 * Azul's client renders as {@code title: detail} (DESIGN §9), with a stable machine code in
 * {@code error_enum} and the offending parameter or field in {@code error_params}.
 */
public record ApiError(int status, String title, String detail, String error_enum, Map<String, String> error_params) {

    /** The response carrying this error. */
    public ResponseEntity<Object> toResponse(HttpHeaders headers) {
        HttpHeaders all = new HttpHeaders();
        if (headers != null) {
            all.putAll(headers);
        }
        all.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(this, all, HttpStatusCode.valueOf(status));
    }
}
