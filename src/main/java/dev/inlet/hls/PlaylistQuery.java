package dev.inlet.hls;

/**
 * The LL-HLS delivery directives of a media playlist request (draft-pantos-hls-rfc8216bis section 6.2.5).
 *
 * @param msn  {@code _HLS_msn}, or -1 if absent
 * @param part {@code _HLS_part}, or -1 if absent
 * @param skip {@code _HLS_skip=YES} (or {@code v2}): a delta update is wanted
 */
public record PlaylistQuery(long msn, long part, boolean skip) {

    /** A plain reload: no blocking, the full playlist. */
    public static final PlaylistQuery PLAIN = new PlaylistQuery(-1, -1, false);

    public boolean blocking() {
        return msn >= 0;
    }

    /**
     * The directives from their query parameter values (each null if absent); throws {@link IllegalArgumentException}
     * with a message fit for a 400 response if one is malformed.
     */
    public static PlaylistQuery parse(String hlsMsn, String hlsPart, String hlsSkip) {
        long msn = number("_HLS_msn", hlsMsn);
        long part = number("_HLS_part", hlsPart);
        if (part >= 0 && msn < 0) {
            throw new IllegalArgumentException("_HLS_part needs _HLS_msn");
        }
        boolean skip = hlsSkip != null && (hlsSkip.equals("YES") || hlsSkip.equals("v2"));
        if (hlsSkip != null && !skip) {
            throw new IllegalArgumentException("_HLS_skip must be YES or v2");
        }
        return new PlaylistQuery(msn, part, skip);
    }

    private static long number(String parameter, String value) {
        if (value == null) {
            return -1;
        }
        if (!value.matches("\\d{1,18}")) {
            throw new IllegalArgumentException(parameter + " must be a decimal integer");
        }
        return Long.parseLong(value);
    }
}
