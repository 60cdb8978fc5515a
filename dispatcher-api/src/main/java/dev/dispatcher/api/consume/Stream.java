package dev.dispatcher.api.consume;

/**
 * The subscriptions one plugin reads, in the order a fetch serves them: its tasks due again first
 * (active only), then expedited events,
 * then events published since the plugin first polled, then the history before that.
 */
public enum Stream {
    /** {@code system.task-redelivery}: this plugin's active tasks past their deadline (active fetches only). */
    REDELIVERY,
    /** {@code system.expedite}: binary events flagged for priority. Starts at the live end. */
    EXPEDITE,
    /** The model's topics from where the plugin first polled onwards. */
    LIVE,
    /** The model's topics from the beginning up to where {@link #LIVE} started. */
    HISTORIC;

    String wireName() {
        return name().toLowerCase();
    }
}
