package dev.dispatcher.common.event;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** How a binary event came to be; also the last segment of the per-source binary topics. */
public enum BinaryAction {
    /** A file entered the platform from outside (an upload); must carry its content. */
    SOURCED("sourced"),
    /** A child file produced from its parent (unpacked, decoded); must carry its content. */
    EXTRACTED("extracted"),
    /** An alternative representation of the file (screenshot, decompiled source): content plus another stream. */
    AUGMENTED("augmented"),
    /** Metadata mapped in from an external database (e.g. VirusTotal); never carries content. */
    MAPPED("mapped"),
    /** Features and info found by a plugin, no streams; only ever the last node of a path. */
    ENRICHED("enriched");

    private static final Map<String, BinaryAction> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(BinaryAction::wireName, Function.identity()));

    private final String wireName;

    BinaryAction(String wireName) {
        this.wireName = wireName;
    }

    /** The JSON spelling, e.g. {@code sourced}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The action spelled {@code name} on the wire; empty for anything else (including null). */
    public static Optional<BinaryAction> fromWireName(String name) {
        return Optional.ofNullable(name == null ? null : BY_WIRE_NAME.get(name));
    }
}
