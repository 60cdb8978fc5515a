package dev.dispatcher.common.event;

/**
 * Turns events into bytes and back: the serializer seam of DESIGN §8. JSON ({@link EventJson}) is
 * the wire encoding; another encoding plugs in here without touching the model.
 */
public interface EventCodec {

    /** Media type of the bytes this codec reads and writes, e.g. {@code application/json}. */
    String mediaType();

    /**
     * Reads one event of {@code model}.
     *
     * @throws EventFormatException when the bytes are not an event of that model's shape
     */
    Event read(byte[] bytes, EventModel model);

    /** Writes one event; never writes null-valued fields. */
    byte[] write(Event event);
}
