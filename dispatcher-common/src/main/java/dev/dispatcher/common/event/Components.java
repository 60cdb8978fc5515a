package dev.dispatcher.common.event;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Normalises the collection components of the event records: immutable copies, and the map that
 * carries the properties a record does not know.
 */
final class Components {

    /**
     * JSON name given to every record's unknown-properties component.
     *
     * <p>Jackson treats the any-setter creator parameter as a named property too, so a JSON key
     * equal to that name would be swallowed instead of captured. A NUL character cannot appear in
     * any field name a producer means to send, so naming the parameter with it keeps every real key
     * on the capture path.
     */
    static final String UNKNOWN = "\u0000";

    private Components() {
    }

    /** Unmodifiable copy that keeps absent as absent ({@code null}) and keeps null elements, so validation can report them. */
    static <T> List<T> list(List<T> list) {
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** Unmodifiable, order-preserving copy without null values: a null value carries nothing and must never be written. */
    static <V> Map<String, V> map(Map<String, V> map) {
        if (map == null) {
            return null;
        }
        var copy = new LinkedHashMap<String, V>();
        map.forEach((key, value) -> {
            if (value != null) {
                copy.put(key, value);
            }
        });
        return Collections.unmodifiableMap(copy);
    }

    /** Like {@link #map}, but never null: "nothing unknown" is the empty map. */
    static Map<String, Object> unknown(Map<String, Object> unknown) {
        return unknown == null || unknown.isEmpty() ? Map.of() : map(unknown);
    }
}
