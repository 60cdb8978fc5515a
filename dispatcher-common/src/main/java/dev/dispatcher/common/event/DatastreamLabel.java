package dev.dispatcher.common.event;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What a datastream holds; the closed list Azul plugins and the store agree on. */
public enum DatastreamLabel {
    CONTENT("content"),
    SAFE_PNG("safe_png"),
    SCREENSHOT("screenshot"),
    TEXT("text"),
    REPORT("report"),
    PCAP("pcap"),
    DECOMPILED_C("decompiled_c"),
    DECOMPILED_CS("decompiled_cs"),
    DECOMPILED_JAVA("decompiled_java"),
    DEOB_JS("deob_js"),
    PASSWORD_DICTIONARY("password_dictionary"),
    CAPE_REPORT("cape_report"),
    CS_CALL_TREE("cs_call_tree"),
    ASSEMBLYLINE("assemblyline"),
    YARA_RULE_HIT("yara_rule_hit"),
    TEST("test");

    private static final Map<String, DatastreamLabel> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(DatastreamLabel::wireName, Function.identity()));

    private final String wireName;

    DatastreamLabel(String wireName) {
        this.wireName = wireName;
    }

    /** The JSON spelling, e.g. {@code safe_png}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The label spelled {@code name} on the wire; empty for anything else (including null). */
    public static Optional<DatastreamLabel> fromWireName(String name) {
        return Optional.ofNullable(name == null ? null : BY_WIRE_NAME.get(name));
    }
}
