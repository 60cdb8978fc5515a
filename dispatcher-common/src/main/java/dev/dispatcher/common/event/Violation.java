package dev.dispatcher.common.event;

import java.util.Objects;

/**
 * One reason an event is not acceptable.
 *
 * @param code    stable machine-readable code, e.g. {@code binary.content_missing}; part of the API
 * @param field   JSON-path-like location in the event, e.g. {@code source.path[1].sha256}
 *                ({@code ""} for the event as a whole)
 * @param message explanation meant for a plugin author
 */
public record Violation(String code, String field, String message) {

    public Violation {
        Objects.requireNonNull(code, "code");
        field = field == null ? "" : field;
        message = message == null ? code : message;
    }

    @Override
    public String toString() {
        return code + " at " + (field.isEmpty() ? "<event>" : field) + ": " + message;
    }
}
