package dev.inlet.rtmp.handshake;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The arithmetic of the Flash Player / Flash Media Server digest ("complex") handshake: where a
 * 1536-byte handshake packet carries its 32-byte HMAC-SHA256 digest, how that digest is computed,
 * and how the second packet (S2 or C2) is signed with the peer's digest.
 *
 * <p>The keys are fixed protocol constants: an ASCII banner followed by the same 32 bytes for both
 * sides. A packet's own digest is keyed with the banner only; the S2/C2 signature is keyed with
 * the full key.
 */
final class HandshakeDigest {

    /** The only RTMP version byte we speak: plain, unencrypted RTMP. */
    static final int RTMP_VERSION = 3;
    /** Size of C1, S1, C2 and S2. */
    static final int PACKET_LENGTH = 1536;
    static final int DIGEST_LENGTH = 32;
    /** Bytes of a packet that precede the signature in a digest-style C2/S2. */
    static final int SIGNED_PAYLOAD_LENGTH = PACKET_LENGTH - DIGEST_LENGTH;

    /** Byte offsets of the four version bytes inside C1/S1; all zero means "simple handshake". */
    static final int VERSION_OFFSET = 4;
    static final int VERSION_LENGTH = 4;

    /** Both schemes pick the digest position modulo this many bytes inside their 764-byte half. */
    private static final int OFFSET_MODULUS = 728;
    /** Scheme 0 ("digest first"): the offset bytes follow the version; the digest area starts at 12. */
    private static final int SCHEME_0_OFFSET_BYTES = 8;
    private static final int SCHEME_0_BASE = 12;
    /** Scheme 1 ("key first"): the digest lives in the second 764-byte half, after 8 + 764 bytes. */
    private static final int SCHEME_1_OFFSET_BYTES = 772;
    private static final int SCHEME_1_BASE = 776;

    private static final byte[] SHARED_KEY_TAIL = {
        (byte) 0xF0, (byte) 0xEE, (byte) 0xC2, (byte) 0x4A, (byte) 0x80, (byte) 0x68, (byte) 0xBE, (byte) 0xE8,
        (byte) 0x2E, (byte) 0x00, (byte) 0xD0, (byte) 0xD1, (byte) 0x02, (byte) 0x9E, (byte) 0x7E, (byte) 0x57,
        (byte) 0x6E, (byte) 0xEC, (byte) 0x5D, (byte) 0x2D, (byte) 0x29, (byte) 0x80, (byte) 0x6F, (byte) 0xAB,
        (byte) 0x93, (byte) 0xB8, (byte) 0xE6, (byte) 0x36, (byte) 0xCF, (byte) 0xEB, (byte) 0x31, (byte) 0xAE,
    };
    private static final byte[] PLAYER_BANNER = "Genuine Adobe Flash Player 001".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SERVER_BANNER = "Genuine Adobe Flash Media Server 001".getBytes(StandardCharsets.US_ASCII);

    private static final String HMAC_SHA256 = "HmacSHA256";

    /** Keys the client's C1 digest (30 bytes). */
    static final SecretKeySpec PLAYER_DIGEST_KEY = new SecretKeySpec(PLAYER_BANNER, HMAC_SHA256);
    /** Keys the C2 signature, together with the server's digest (62 bytes). */
    static final SecretKeySpec PLAYER_FULL_KEY = new SecretKeySpec(concat(PLAYER_BANNER, SHARED_KEY_TAIL), HMAC_SHA256);
    /** Keys the server's S1 digest (36 bytes). */
    static final SecretKeySpec SERVER_DIGEST_KEY = new SecretKeySpec(SERVER_BANNER, HMAC_SHA256);
    /** Keys the S2 signature, together with the client's digest (68 bytes). */
    static final SecretKeySpec SERVER_FULL_KEY = new SecretKeySpec(concat(SERVER_BANNER, SHARED_KEY_TAIL), HMAC_SHA256);

    private HandshakeDigest() {
    }

    /** Where the digest of {@code packet} sits under {@code scheme} (0 or 1). */
    static int digestOffset(byte[] packet, int scheme) {
        requirePacket(packet);
        return switch (scheme) {
            case 0 -> byteSum(packet, SCHEME_0_OFFSET_BYTES) % OFFSET_MODULUS + SCHEME_0_BASE;
            case 1 -> byteSum(packet, SCHEME_1_OFFSET_BYTES) % OFFSET_MODULUS + SCHEME_1_BASE;
            default -> throw new IllegalArgumentException("digest scheme must be 0 or 1, was " + scheme);
        };
    }

    /** HMAC-SHA256 of the whole packet except the 32 digest bytes at {@code offset}. */
    static byte[] digestAround(byte[] packet, int offset, SecretKeySpec key) {
        Mac mac = newMac(key);
        mac.update(packet, 0, offset);
        int afterDigest = offset + DIGEST_LENGTH;
        mac.update(packet, afterDigest, packet.length - afterDigest);
        return mac.doFinal();
    }

    /** Writes the packet's digest at its {@code scheme} position and returns that position. */
    static int imprintDigest(byte[] packet, int scheme, SecretKeySpec key) {
        int offset = digestOffset(packet, scheme);
        byte[] digest = digestAround(packet, offset, key);
        System.arraycopy(digest, 0, packet, offset, DIGEST_LENGTH);
        return offset;
    }

    /** The position of a valid digest under {@code scheme}, or -1 when the packet carries none there. */
    static int findDigest(byte[] packet, int scheme, SecretKeySpec key) {
        int offset = digestOffset(packet, scheme);
        byte[] expected = digestAround(packet, offset, key);
        byte[] actual = Arrays.copyOfRange(packet, offset, offset + DIGEST_LENGTH);
        return MessageDigest.isEqual(expected, actual) ? offset : -1;
    }

    /** The 32 digest bytes at {@code offset}. */
    static byte[] digestAt(byte[] packet, int offset) {
        return Arrays.copyOfRange(packet, offset, offset + DIGEST_LENGTH);
    }

    /**
     * The signature that closes a digest-style S2 or C2: HMAC-SHA256 over the first 1504 bytes,
     * keyed with HMAC-SHA256(fullKey, peerDigest).
     */
    static byte[] responseSignature(byte[] response, byte[] peerDigest, SecretKeySpec fullKey) {
        requirePacket(response);
        byte[] derivedKey = newMac(fullKey).doFinal(peerDigest);
        Mac mac = newMac(new SecretKeySpec(derivedKey, HMAC_SHA256));
        mac.update(response, 0, SIGNED_PAYLOAD_LENGTH);
        return mac.doFinal();
    }

    /** Overwrites the last 32 bytes of {@code response} with its signature. */
    static void signResponse(byte[] response, byte[] peerDigest, SecretKeySpec fullKey) {
        byte[] signature = responseSignature(response, peerDigest, fullKey);
        System.arraycopy(signature, 0, response, SIGNED_PAYLOAD_LENGTH, DIGEST_LENGTH);
    }

    /** Whether the last 32 bytes of {@code response} are its valid signature. */
    static boolean responseSigned(byte[] response, byte[] peerDigest, SecretKeySpec fullKey) {
        byte[] expected = responseSignature(response, peerDigest, fullKey);
        byte[] actual = Arrays.copyOfRange(response, SIGNED_PAYLOAD_LENGTH, PACKET_LENGTH);
        return MessageDigest.isEqual(expected, actual);
    }

    /** Whether C1/S1 claims a peer version (bytes 4..7 non-zero), the sign of a digest handshake. */
    static boolean claimsVersion(byte[] packet) {
        for (int i = VERSION_OFFSET; i < VERSION_OFFSET + VERSION_LENGTH; i++) {
            if (packet[i] != 0) {
                return true;
            }
        }
        return false;
    }

    private static int byteSum(byte[] packet, int from) {
        return (packet[from] & 0xFF) + (packet[from + 1] & 0xFF) + (packet[from + 2] & 0xFF) + (packet[from + 3] & 0xFF);
    }

    private static void requirePacket(byte[] packet) {
        if (packet.length != PACKET_LENGTH) {
            throw new IllegalArgumentException("handshake packet must be " + PACKET_LENGTH + " bytes, was " + packet.length);
        }
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            // Every Java SE runtime must provide HmacSHA256, so this is a broken JDK, not bad input.
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static byte[] concat(byte[] head, byte[] tail) {
        byte[] joined = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, joined, head.length, tail.length);
        return joined;
    }
}
