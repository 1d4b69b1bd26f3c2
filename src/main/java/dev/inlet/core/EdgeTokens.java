package dev.inlet.core;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;

/**
 * The proof an edge pull presents to the node it pulls from (the origin): {@code <node>.<expiry epoch
 * seconds>.<HMAC-SHA256>}, base64url, the MAC over a fixed label, the stream, the pulling node and the expiry, keyed
 * by the cluster secret every node is configured with. So the origin's internal pull is never an anonymous play: a
 * pull without the secret is refused, and a proof seen on the wire is good for one stream for a minute only.
 */
public final class EdgeTokens {

    /** What checking a proof found. */
    public enum Verdict {
        VALID, EXPIRED, FORGED
    }

    /** How long a proof is good for (nodes' clocks are expected within this of each other). */
    static final Duration LIFETIME = Duration.ofSeconds(60);
    private static final String ALGORITHM = "HmacSHA256";
    private static final String LABEL = "inlet-edge-pull\n";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec secret;
    private final Clock clock;

    public EdgeTokens(byte[] secret, Clock clock) {
        if (secret.length < PlayTokens.MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the cluster secret needs at least " + PlayTokens.MIN_SECRET_BYTES
                    + " bytes");
        }
        this.secret = new SecretKeySpec(secret.clone(), ALGORITHM);
        this.clock = Objects.requireNonNull(clock);
    }

    /** A proof that {@code node} may pull {@code streamCode} for the next minute. */
    public String sign(String streamCode, String node) {
        long expiry = clock.instant().plus(LIFETIME).getEpochSecond();
        return node + "." + expiry + "." + ENCODER.encodeToString(mac(streamCode, node, expiry));
    }

    /** Checks {@code proof} for {@code streamCode}; null or malformed is forged. */
    public Verdict verify(String streamCode, String proof) {
        if (proof == null) {
            return Verdict.FORGED;
        }
        int macDot = proof.lastIndexOf('.');
        int expiryDot = macDot <= 0 ? -1 : proof.lastIndexOf('.', macDot - 1);
        if (expiryDot <= 0 || macDot - expiryDot > 20) {
            return Verdict.FORGED;
        }
        String node = proof.substring(0, expiryDot);
        long expiry;
        byte[] presented;
        try {
            expiry = Long.parseLong(proof, expiryDot + 1, macDot, 10);
            presented = Base64.getUrlDecoder().decode(proof.substring(macDot + 1));
        } catch (IllegalArgumentException malformed) {
            return Verdict.FORGED;
        }
        if (!MessageDigest.isEqual(mac(streamCode, node, expiry), presented)) {
            return Verdict.FORGED;
        }
        long now = clock.instant().getEpochSecond();
        return now >= expiry || expiry - now > 2 * LIFETIME.toSeconds() ? Verdict.EXPIRED : Verdict.VALID;
    }

    /** The pulling node a proof names (for logs and listings), or "?" when it names none. */
    public static String nodeOf(String proof) {
        int macDot = proof == null ? -1 : proof.lastIndexOf('.');
        int expiryDot = macDot <= 0 ? -1 : proof.lastIndexOf('.', macDot - 1);
        return expiryDot <= 0 ? "?" : dev.inlet.text.LogText.of(proof.substring(0, expiryDot));
    }

    private byte[] mac(String streamCode, String node, long expiry) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(secret);
            return mac.doFinal((LABEL + streamCode + "\n" + node + "\n" + expiry).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
