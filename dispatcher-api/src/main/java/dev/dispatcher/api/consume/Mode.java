package dev.dispatcher.api.consume;

/** Passive fetches have no side effects; active fetches hand out tasks that carry a {@code dequeued} id. */
public enum Mode {
    PASSIVE, ACTIVE;

    String wireName() {
        return name().toLowerCase();
    }
}
