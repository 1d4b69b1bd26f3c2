package dev.inlet.core;

import java.util.regex.Pattern;

/**
 * The one rule for what a stream code may look like, shared by every catalog and the API. A code appears
 * unescaped in play URLs ({@code rtmp://host/live/<code>}, {@code /live/<code>.flv}) and API paths
 * ({@code /api/v1/streams/<code>}), so it is made of RFC 3986 unreserved characters only — letters, digits and
 * {@code - . _ ~} — which no client or server ever escapes or reinterprets.
 *
 * <p>The two codes {@code .} and {@code ..} are refused although their characters are allowed: they are dot
 * segments, which HTTP clients and servers remove from a path before it is routed ({@code /streams/..} becomes
 * {@code /}), so such a stream could never be read, changed or deleted through its URL. Longer runs of dots
 * ({@code ...}) are ordinary segments and stay allowed.
 */
public final class StreamCodes {

    public static final int MAX_LENGTH = 64;

    /** The rule as a regular expression for a whole code (a compile-time constant, so annotations can use it). */
    public static final String PATTERN = "(?!\\.{1,2}$)[A-Za-z0-9._~-]{1," + MAX_LENGTH + "}";

    /** The rule in words, for refusals; completes "a stream code is …" or "must be …". */
    public static final String DESCRIPTION = "1 to " + MAX_LENGTH + " of A-Z a-z 0-9 . _ ~ - (but not . or ..)";

    private static final Pattern CODE = Pattern.compile(PATTERN);

    private StreamCodes() {
    }

    public static boolean isValid(String code) {
        return code != null && CODE.matcher(code).matches();
    }

    /** @throws CatalogException.Invalid with the rule in words, if {@code code} breaks it */
    public static void requireValid(String code) throws CatalogException.Invalid {
        if (!isValid(code)) {
            throw new CatalogException.Invalid("a stream code is " + DESCRIPTION);
        }
    }
}
