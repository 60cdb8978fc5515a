package dev.dispatcher.store.web;

/**
 * One byte range of a {@code Range: bytes=...} header, clamped to the stream (RFC 9110 §14.1.2): {@code a-b},
 * {@code a-} and {@code -n} (the last n bytes; longer than the stream means all of it). Anything else — several
 * ranges, another unit, a malformed value — is ignored and the whole stream is sent, as the RFC allows.
 */
record ByteRange(long first, long last) {

    /** A range that starts past the end of the stream (416). */
    static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

    long length() {
        return last - first + 1;
    }

    /** The range to serve, {@code null} for the whole stream, or {@link #UNSATISFIABLE}. */
    static ByteRange parse(String header, long size) {
        if (header == null) {
            return null;
        }
        String value = header.strip();
        if (!value.regionMatches(true, 0, "bytes=", 0, 6)) {
            return null;
        }
        String spec = value.substring(6).strip();
        if (spec.contains(",")) {
            return null;
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        String start = spec.substring(0, dash).strip();
        String end = spec.substring(dash + 1).strip();
        try {
            if (start.isEmpty()) {
                if (end.isEmpty()) {
                    return null;
                }
                long suffix = Long.parseLong(end);
                if (suffix < 0) {
                    return null;
                }
                if (suffix == 0) {
                    return UNSATISFIABLE;
                }
                return new ByteRange(Math.max(0, size - suffix), size - 1);
            }
            long first = Long.parseLong(start);
            if (first < 0) {
                return null;
            }
            long last = end.isEmpty() ? Long.MAX_VALUE : Long.parseLong(end);
            if (last < first) {
                return null;
            }
            if (first >= size) {
                return UNSATISFIABLE;
            }
            return new ByteRange(first, Math.min(last, size - 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
