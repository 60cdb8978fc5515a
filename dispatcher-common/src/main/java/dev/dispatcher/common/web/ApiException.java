package dev.dispatcher.common.web;

import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/** A request the service refuses, with the status, stable code and parameter the caller needs to fix it. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Map<String, String> params;
    private final HttpHeaders headers;

    public ApiException(HttpStatus status, String code, String detail, Map<String, String> params) {
        this(status, code, detail, params, HttpHeaders.EMPTY);
    }

    private ApiException(HttpStatus status, String code, String detail, Map<String, String> params, HttpHeaders headers) {
        super(detail);
        this.status = status;
        this.code = code;
        this.params = Map.copyOf(params);
        this.headers = HttpHeaders.readOnlyHttpHeaders(headers);
    }

    /** 405 with the {@code Allow} header RFC 9110 asks for: the methods the resource still answers. */
    public static ApiException methodNotAllowed(String code, String detail, Set<HttpMethod> allowed) {
        var headers = new HttpHeaders();
        headers.setAllow(allowed);
        return new ApiException(HttpStatus.METHOD_NOT_ALLOWED, code, detail, Map.of(), headers);
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

    /** Headers the response carries besides the problem's own. */
    public HttpHeaders headers() {
        return headers;
    }

    ApiError toError() {
        return ApiError.of(status.value(), status.getReasonPhrase(), getMessage(), code, params);
    }
}
