package dev.inlet.api.recordings;

/**
 * One byte range of an HTTP {@code Range} header (RFC 9110 section 14.1.2): {@code bytes=first-last},
 * {@code bytes=first-} or {@code bytes=-suffix}. Several ranges, other units and malformed values are ignored (the
 * whole file is served, which the RFC allows); a range that starts past the end is {@link #UNSATISFIABLE}.
 */
record ByteRange(long start, long length) {

    static final ByteRange UNSATISFIABLE = new ByteRange(-1, 0);

    /** The range of a file of {@code size} bytes that the header asks for; null for the whole file. */
    static ByteRange parse(String header, long size) {
        if (header == null) {
            return null;
        }
        String value = header.strip();
        if (!value.regionMatches(true, 0, "bytes=", 0, 6) || value.indexOf(',') >= 0) {
            return null;
        }
        String spec = value.substring(6).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String first = spec.substring(0, dash).strip();
            String last = spec.substring(dash + 1).strip();
            if (first.isEmpty()) {
                if (last.isEmpty()) {
                    return null;
                }
                long suffix = Long.parseLong(last);
                if (suffix <= 0) {
                    return suffix == 0 ? UNSATISFIABLE : null;
                }
                long start = Math.max(0, size - suffix);
                return size == 0 ? UNSATISFIABLE : new ByteRange(start, size - start);
            }
            long start = Long.parseLong(first);
            long end = last.isEmpty() ? Long.MAX_VALUE : Long.parseLong(last);
            if (start < 0 || end < start) {
                return null;
            }
            if (start >= size) {
                return UNSATISFIABLE;
            }
            end = Math.min(end, size - 1);
            return new ByteRange(start, end - start + 1);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
