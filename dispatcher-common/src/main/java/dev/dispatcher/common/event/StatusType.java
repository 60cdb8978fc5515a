package dev.dispatcher.common.event;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The outcome a status event reports for one task (a plugin working on one binary event).
 *
 * <p>Families: <em>completed</em> ({@code completed, completed-empty, completed-with-errors}, the
 * only ones that may carry results), {@code opt-out}, <em>progress</em> ({@code heartbeat},
 * {@code dequeued}, {@code download-requested}) and <em>error</em> ({@code error-*}).
 *
 * <p>{@link #isFinal()} is true for everything outside the progress family. DESIGN §4 words it as
 * "anything but heartbeat"; Azul also counts {@code dequeued} as in progress (both its Go
 * {@code IsStatusTypeProcess} and its Python {@code StatusEnumInProgress}), and the Go side adds
 * {@code download-requested}. Azul marks both "not for use by plugins": the dispatcher writes them
 * itself while the plugin is still to answer, so ending the task on either would lose it. We
 * follow the Go classification.
 */
public enum StatusType {
    COMPLETED("completed"),
    COMPLETED_EMPTY("completed-empty"),
    COMPLETED_WITH_ERRORS("completed-with-errors"),
    OPT_OUT("opt-out"),
    HEARTBEAT("heartbeat"),
    DEQUEUED("dequeued"),
    DOWNLOAD_REQUESTED("download-requested"),
    ERROR_EXCEPTION("error-exception"),
    ERROR_NETWORK("error-network"),
    ERROR_RUNNER("error-runner"),
    ERROR_INPUT("error-input"),
    ERROR_OUTPUT("error-output"),
    ERROR_TIMEOUT("error-timeout"),
    ERROR_OUT_OF_MEMORY("error-out-of-memory");

    private static final Map<String, StatusType> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(StatusType::wireName, Function.identity()));

    private final String wireName;

    StatusType(String wireName) {
        this.wireName = wireName;
    }

    /** The JSON spelling, e.g. {@code completed-empty}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** True when this status ends the task: anything but the progress family. */
    public boolean isFinal() {
        return !isProgress();
    }

    /** True for {@code heartbeat}, {@code dequeued} and {@code download-requested}. */
    public boolean isProgress() {
        return this == HEARTBEAT || this == DEQUEUED || this == DOWNLOAD_REQUESTED;
    }

    /** True for the statuses that may carry result events. */
    public boolean isCompletedFamily() {
        return this == COMPLETED || this == COMPLETED_EMPTY || this == COMPLETED_WITH_ERRORS;
    }

    /** True for the {@code error-*} statuses. */
    public boolean isError() {
        return wireName.startsWith("error-");
    }

    /** The status spelled {@code name} on the wire; empty for anything else (including null). */
    public static Optional<StatusType> fromWireName(String name) {
        return Optional.ofNullable(name == null ? null : BY_WIRE_NAME.get(name));
    }
}
