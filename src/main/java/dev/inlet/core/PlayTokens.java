package dev.inlet.core;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * Play tokens for private streams: {@code <expiry epoch seconds>.<HMAC-SHA256 of stream and expiry>}, base64url.
 * The stream code is inside the MAC, not the token, so a token is bound to its stream without revealing anything,
 * and any node that shares the secret can check it without a database.
 */
public final class PlayTokens {

    /** What checking a token found. */
    public enum Verdict {
        VALID, MISSING, EXPIRED, FORGED
    }

    /** An issued token and when it stops working. */
    public record Issued(String token, Instant expiresAt) {
    }

    static final int MIN_SECRET_BYTES = 16;
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec secret;
    private final Clock clock;

    public PlayTokens(byte[] secret, Clock clock) {
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("a play-token secret needs at least " + MIN_SECRET_BYTES + " bytes");
        }
        this.secret = new SecretKeySpec(secret.clone(), ALGORITHM);
        this.clock = Objects.requireNonNull(clock);
    }

    /** A token for {@code streamCode} valid for {@code ttl} from now. */
    public Issued issue(String streamCode, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a token's lifetime must be positive: " + ttl);
        }
        long expiry = clock.instant().plus(ttl).getEpochSecond();
        return new Issued(expiry + "." + ENCODER.encodeToString(mac(streamCode, expiry)), Instant.ofEpochSecond(expiry));
    }

    /** Checks {@code token} (null or blank: missing) for {@code streamCode} at the clock's now. */
    public Verdict verify(String streamCode, String token) {
        if (token == null || token.isBlank()) {
            return Verdict.MISSING;
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot > 19) {
            return Verdict.FORGED;
        }
        long expiry;
        byte[] presented;
        try {
            expiry = Long.parseLong(token, 0, dot, 10);
            presented = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException malformed) {
            return Verdict.FORGED;
        }
        // The MAC first, so that an expired token of another stream reads as forged, not as expired.
        if (!MessageDigest.isEqual(mac(streamCode, expiry), presented)) {
            return Verdict.FORGED;
        }
        return clock.instant().getEpochSecond() >= expiry ? Verdict.EXPIRED : Verdict.VALID;
    }

    private byte[] mac(String streamCode, long expiry) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(secret);
            return mac.doFinal((streamCode + "\n" + expiry).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
