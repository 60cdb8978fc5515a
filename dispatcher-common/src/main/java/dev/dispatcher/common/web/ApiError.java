package dev.dispatcher.common.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The error body of every service, sent as {@code application/problem+json}.
 *
 * <p>Shaped for Azul's client, which validates error bodies strictly (no other members,
 * {@code status} a string, {@code error_enum} only from its own enum) and shows
 * {@code title: detail} when they pass: so {@code status} is the code as a string, no
 * {@code error_enum} is sent, and our stable machine code travels in {@code error_params.code}
 * beside the offending parameter or field ({@code error_params.parameter}).
 */
public record ApiError(String status, String title, String detail, Map<String, String> error_params) {

    /** An error with its stable code and the parameters that locate it. */
    public static ApiError of(int status, String title, String detail, String code, Map<String, String> params) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("code", code);
        all.putAll(params);
        return new ApiError(Integer.toString(status), title, detail, all);
    }

    /** The response carrying this error. */
    public ResponseEntity<Object> toResponse(HttpHeaders headers) {
        HttpHeaders all = new HttpHeaders();
        if (headers != null) {
            all.putAll(headers);
        }
        all.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(this, all, HttpStatusCode.valueOf(Integer.parseInt(status)));
    }
}
