package dev.dispatcher.common.event;

/**
 * Bytes that could not be read as an event: not JSON, or a field of the wrong JSON type.
 *
 * <p>Carries the same shape as a validation failure ({@link #violation()}, code
 * {@value #CODE}) so callers can report both the same way.
 */
public final class EventFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Violation code of every read failure. */
    public static final String CODE = "event.malformed";

    private final String field;

    EventFormatException(String message, String field, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    /** Where in the event reading failed ({@code source.path[1].size}); {@code ""} when unknown. */
    public String field() {
        return field;
    }

    /** This failure as a {@link Violation}. */
    public Violation violation() {
        return new Violation(CODE, field, getMessage());
    }
}
