package dev.dispatcher.common.event;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The one timestamp format events accept: ISO-8601 date-time with a zone ({@code Z} or an offset
 * such as {@code +11:00}), fractional seconds optional, e.g. {@code 2026-11-22T04:06:54.113072+00:00}.
 *
 * <p>Timestamps stay the producer's strings in the records (the Kafka key needs the original
 * offset); this class only checks and reads them.
 */
final class IsoTimestamp {

    /** Outcome of checking one timestamp string. */
    enum Check { VALID, ZONE_MISSING, INVALID }

    private IsoTimestamp() {
    }

    static Check check(String value) {
        try {
            parse(value);
            return Check.VALID;
        } catch (DateTimeParseException offsetMissingOrMalformed) {
            try {
                LocalDateTime.parse(value, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
                return Check.ZONE_MISSING;
            } catch (DateTimeParseException malformed) {
                return Check.INVALID;
            }
        }
    }

    /** Parses keeping the producer's offset; throws {@link DateTimeParseException} when not a zoned ISO-8601 date-time. */
    static OffsetDateTime parse(String value) {
        return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
