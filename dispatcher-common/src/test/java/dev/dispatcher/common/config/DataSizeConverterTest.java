package dev.dispatcher.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DataSizeConverterTest {

    private final DataSizeConverter converter = new DataSizeConverter();

    @ParameterizedTest
    @CsvSource({
            "2Mi, 2097152", "2MiB, 2097152", "2MB, 2097152", "2mi, 2097152", "512K, 524288", "512KB, 524288",
            "1G, 1073741824", "1GB, 1073741824", "1Gi, 1073741824", "100, 100", "100B, 100", "' 10 Mi ', 10485760",
    })
    void readsEverySpellingOperatorsUse(String text, long bytes) {
        assertThat(converter.convert(text).toBytes()).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "two megs", "-1MB", "1.5MB", "10XB"})
    void refusesWhatIsNotASize(String text) {
        assertThatThrownBy(() -> converter.convert(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text.isEmpty() ? "is not a size" : text);
    }
}
