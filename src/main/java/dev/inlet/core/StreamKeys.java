package dev.inlet.core;

import dev.inlet.text.LogText;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Stream key handling shared by every registry: parsing from RTMP names, hashing, prefixes, generation. */
public final class StreamKeys {

    private static final int PREFIX_LENGTH = 6;
    private static final SecureRandom RANDOM = new SecureRandom();

    private StreamKeys() {
    }

    /**
     * The last path segment of an RTMP publish or play name, without any {@code ?query}:
     * {@code "abc?token=1"} and {@code "live/abc"} both give {@code "abc"}.
     */
    public static String lastSegment(String name) {
        if (name == null) {
            return "";
        }
        int query = name.indexOf('?');
        String path = query >= 0 ? name.substring(0, query) : name;
        int slash = path.lastIndexOf('/');
        return slash >= 0 ? path.substring(slash + 1) : path;
    }

    /**
     * The value of query parameter {@code name} in a play name or URL ({@code "demo?token=abc"} gives {@code "abc"}
     * for {@code token}), URL-decoded; null when absent or malformed.
     */
    public static String queryParameter(String nameOrUrl, String name) {
        if (nameOrUrl == null) {
            return null;
        }
        int query = nameOrUrl.indexOf('?');
        if (query < 0) {
            return null;
        }
        for (String pair : nameOrUrl.substring(query + 1).split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name)) {
                try {
                    return java.net.URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException malformed) {
                    return null;
                }
            }
        }
        return null;
    }

    /** The SHA-256 of the key, hex encoded: what registries store instead of the key. */
    public static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Compares two hashes in constant time. */
    public static boolean hashesEqual(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    /** The short, non-secret beginning of a key that identifies it in logs and lists. */
    public static String prefix(String key) {
        // Escaped: a key that is not one of ours may hold anything, and its prefix is written to logs.
        return key.length() <= PREFIX_LENGTH ? "" : LogText.of(key.substring(0, PREFIX_LENGTH));
    }

    /** A new random URL-safe key with 160 bits of entropy. */
    public static String generate() {
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
