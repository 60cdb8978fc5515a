package dev.dispatcher.common.event;

/** Kafka record headers the dispatcher writes on the event records it publishes. */
public final class EventHeaders {

    /**
     * On binary event records written by the publish path: {@value #OBJECT} or {@value #OBJECT_WITH_DEQUEUED}.
     * The value is exactly one JSON object, validated when it was published, and whether it has a
     * top-level {@code dequeued}; fetches then need not tokenize it again to know.
     */
    public static final String SHAPE = "dispatcher-shape";
    public static final String OBJECT = "object";
    public static final String OBJECT_WITH_DEQUEUED = "object-dequeued";

    private EventHeaders() {
    }
}
