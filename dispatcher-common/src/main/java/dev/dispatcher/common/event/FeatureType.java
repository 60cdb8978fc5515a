package dev.dispatcher.common.event;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The value type of a binary feature, and of a feature a plugin declares it may produce. */
public enum FeatureType {
    INTEGER("integer"),
    FLOAT("float"),
    STRING("string"),
    BINARY("binary"),
    DATETIME("datetime"),
    FILEPATH("filepath"),
    URI("uri");

    private static final Map<String, FeatureType> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(FeatureType::wireName, Function.identity()));

    private final String wireName;

    FeatureType(String wireName) {
        this.wireName = wireName;
    }

    /** The JSON spelling, e.g. {@code filepath}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The type spelled {@code name} on the wire; empty for anything else (including null). */
    public static Optional<FeatureType> fromWireName(String name) {
        return Optional.ofNullable(name == null ? null : BY_WIRE_NAME.get(name));
    }
}
