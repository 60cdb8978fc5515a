package dev.dispatcher.common.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Caps the distinct values of a metric tag that callers choose (plugin names come from request
 * bodies and query strings): the first {@code limit} values get their own series, later ones are
 * counted as {@value #OTHER}, so a misbehaving client cannot grow the registry without bound.
 */
public final class BoundedTagValues {

    /** Tag value of everything beyond the limit. */
    public static final String OTHER = "other";
    /** Tag value of a missing or blank name. */
    public static final String UNKNOWN = "unknown";

    private final int limit;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    public BoundedTagValues(int limit) {
        this.limit = limit;
    }

    /** The tag value to record for {@code value}. */
    public String of(String value) {
        String name = value == null || value.isBlank() ? UNKNOWN : value;
        if (seen.contains(name)) {
            return name;
        }
        if (seen.size() >= limit) {
            return OTHER;
        }
        seen.add(name);
        return name;
    }
}
