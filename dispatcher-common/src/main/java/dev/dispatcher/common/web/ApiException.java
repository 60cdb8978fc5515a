package dev.dispatcher.common.web;

import java.util.Map;
import org.springframework.http.HttpStatus;

/** A request the service refuses, with the status, stable code and parameter the caller needs to fix it. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Map<String, String> params;

    public ApiException(HttpStatus status, String code, String detail, Map<String, String> params) {
        super(detail);
        this.status = status;
        this.code = code;
        this.params = Map.copyOf(params);
    }

    /** 400 for one bad query parameter or field, naming it. */
    public static ApiException badParameter(String parameter, String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid_parameter", detail, Map.of("parameter", parameter));
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, String> params() {
        return params;
    }

    ApiError toError() {
        return ApiError.of(status.value(), status.getReasonPhrase(), getMessage(), code, params);
    }
}
