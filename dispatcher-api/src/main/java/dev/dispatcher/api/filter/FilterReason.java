package dev.dispatcher.api.filter;

/** Why an event was skipped for a plugin; the names appear in {@code info.filters} and metrics. */
public enum FilterReason {
    /** The plugin requires a {@code content} stream and the event has none. */
    REQUIRES_DATA("requires-data"),
    /** The content is larger than {@code f-max-content-size}. */
    MAX_CONTENT_SIZE("max-content-size"),
    /** The content is smaller than {@code f-min-content-size}. */
    MIN_CONTENT_SIZE("min-content-size"),
    /** The action is not among {@code f-allow-event-type}. */
    EVENT_TYPE_NOT_ALLOWED("allow-event-type"),
    /** The action is among {@code f-deny-event-type}. */
    EVENT_TYPE_DENIED("deny-event-type"),
    /** The plugin itself authored the event ({@code f-self}). */
    SELF("self"),
    /** A stream's label is not among {@code f-data-type}, or a listed label is missing. */
    DATA_TYPE("data-type"),
    /** A stream's file format starts with none of its label's {@code f-data-type} prefixes. */
    FILE_FORMAT("file-format"),
    /** The source is not among {@code r-source}. */
    SOURCE("source"),
    /** The JSONPath {@code filter} matched nothing. */
    JSONPATH("filter"),
    /** Active only: the event was published while task delivery was paused ({@code pause_plugins}). */
    PAUSED("paused"),
    /** The event could not be read as JSON of its model. */
    UNREADABLE("unreadable");

    private final String wireName;

    FilterReason(String wireName) {
        this.wireName = wireName;
    }

    /** Name used in responses and metrics. */
    public String wireName() {
        return wireName;
    }
}
