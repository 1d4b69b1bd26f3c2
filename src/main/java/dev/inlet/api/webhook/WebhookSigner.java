package dev.inlet.api.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Signs webhook bodies so that a receiver can tell they come from this Inlet and are fresh.
 *
 * <p>Scheme: {@value #TIMESTAMP_HEADER} carries the Unix time in seconds when the request was sent;
 * {@value #SIGNATURE_HEADER} carries {@code sha256=<hex>}, the lower-case hex HMAC-SHA256, keyed with the
 * shared secret (its UTF-8 bytes), of the timestamp's decimal digits, a full stop, and the exact body bytes.
 * Signing the timestamp with the body stops a captured request from being replayed later: a receiver
 * rejects timestamps outside its tolerance (five minutes is usual).
 */
public final class WebhookSigner {

    public static final String TIMESTAMP_HEADER = "X-Inlet-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Inlet-Signature";
    private static final String ALGORITHM = "HmacSHA256";
    private static final String PREFIX = "sha256=";

    private final SecretKeySpec key;

    public WebhookSigner(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a webhook secret must not be empty");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The {@value #SIGNATURE_HEADER} value for {@code body} sent at {@code epochSeconds}. */
    public String signature(long epochSeconds, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(mac(signedBytes(epochSeconds, body)));
    }

    /**
     * What a receiver does: true when the signature matches and the timestamp is within {@code tolerance}
     * of {@code now}. Compares in constant time.
     */
    public boolean verify(String timestampHeader, String signatureHeader, byte[] body, Instant now, Duration tolerance) {
        if (timestampHeader == null || signatureHeader == null || !signatureHeader.startsWith(PREFIX)) {
            return false;
        }
        long sent;
        try {
            sent = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - sent) > tolerance.toSeconds()) {
            return false;
        }
        byte[] expected = signature(sent, body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signatureHeader.trim().getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] signedBytes(long epochSeconds, byte[] body) {
        byte[] prefix = (epochSeconds + ".").getBytes(StandardCharsets.US_ASCII);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return signed;
    }

    private byte[] mac(byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM); // Mac is not thread-safe: one per signature
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
