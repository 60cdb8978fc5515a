package dev.dispatcher.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BoundedTagValuesTest {

    @Test
    void valuesBeyondTheLimitAreCountedAsOther() {
        BoundedTagValues tags = new BoundedTagValues(2);

        assertThat(tags.of("a")).isEqualTo("a");
        assertThat(tags.of("b")).isEqualTo("b");
        assertThat(tags.of("c")).isEqualTo(BoundedTagValues.OTHER);
        assertThat(tags.of("a")).as("a value seen before keeps its series").isEqualTo("a");
    }

    @Test
    void missingNamesAreUnknown() {
        BoundedTagValues tags = new BoundedTagValues(5);

        assertThat(tags.of(null)).isEqualTo(BoundedTagValues.UNKNOWN);
        assertThat(tags.of("  ")).isEqualTo(BoundedTagValues.UNKNOWN);
    }
}
