package dev.dispatcher.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast path reads exactly what the ISO formatter reads, and leaves everything else to it. */
class IsoTimestampTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "2026-11-22T04:06:54.113072+00:00", "2026-11-22T04:06:54Z", "2026-11-22T04:06:54.1Z",
            "2026-11-22T04:06:54.123456789-05:30", "2024-02-29T23:59:59+14:00", "0001-01-01T00:00:00Z",
            // Left to the formatter: accepted by it but not the common shape, or refused by both.
            "2026-11-22T04:06Z", "2026-11-22T04:06:54+05:30:15", "2026-11-22T04:06:54.1234567891Z",
            "2026-02-30T04:06:54Z", "2026-11-22T24:00:00Z", "2026-11-22T04:06:60Z", "2026-11-22T04:06:54+19:00",
            "2026-11-22T04:06:54", "2026-11-22 04:06:54Z", "2026-11-22T04:06:54.Z", "2026-11-22T04:06:54z",
            "２026-11-22T04:06:54Z", "2026-11-22T04:06:54.1٣Z", "+12026-11-22T04:06:54Z", "not a time"})
    void readsWhatTheFormatterReads(String value) {
        OffsetDateTime expected;
        try {
            expected = OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            expected = null;
        }
        OffsetDateTime fast = IsoTimestamp.parseCommon(value);

        if (fast != null) {
            assertThat(fast).isEqualTo(expected);
            assertThat(fast.getOffset()).isEqualTo(expected.getOffset());
        }
        if (expected == null) {
            assertThat(fast).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-22T04:06:54.113072+00:00", "2026-11-22T04:06:54Z", "2026-11-22T04:06:54.123456789-05:30"})
    void theCommonShapeTakesTheFastPath(String value) {
        assertThat(IsoTimestamp.parseCommon(value)).isNotNull();
    }
}
