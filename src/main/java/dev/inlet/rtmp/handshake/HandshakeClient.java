package dev.inlet.rtmp.handshake;

import static dev.inlet.rtmp.handshake.HandshakeDigest.PACKET_LENGTH;
import static dev.inlet.rtmp.handshake.HandshakeDigest.RTMP_VERSION;
import static dev.inlet.rtmp.handshake.HandshakeDigest.VERSION_LENGTH;
import static dev.inlet.rtmp.handshake.HandshakeDigest.VERSION_OFFSET;

import dev.inlet.rtmp.RtmpProtocolException;
import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The client side of the RTMP handshake, for our own RTMP client, benchmarks and tests:
 * {@link #c0c1()}, then {@link #respondToS0S1S2} once.
 *
 * <p>With {@code useDigest} the C1 claims a Flash Player version and carries a digest under the
 * chosen scheme. If the server answers with an S1 digest (found under either scheme), C2 is the
 * digest-style signed reply; otherwise C2 echoes S1, as the simple handshake requires.
 *
 * <p>A bad or missing server digest does not throw: {@link #serverDigestVerified()} reports it and
 * the caller decides whether to go on. Only an S0 other than 3 fails the handshake.
 */
public final class HandshakeClient {

    /** Claims Flash Player 9.0.124.2, the version ffmpeg also claims; any non-zero value works. */
    private static final byte[] CLIENT_VERSION = {9, 0, 124, 2};

    private final RandomGenerator random;
    private final boolean useDigest;
    private final int scheme;
    private byte[] c1;
    private boolean answered;
    private boolean serverDigestVerified;

    /**
     * @param random    fills C1 and C2
     * @param useDigest send a digest ("complex") C1 instead of a simple one
     * @param scheme    0 (digest first) or 1 (key first); checked even when {@code useDigest} is false
     */
    public HandshakeClient(RandomGenerator random, boolean useDigest, int scheme) {
        if (scheme != 0 && scheme != 1) {
            throw new IllegalArgumentException("digest scheme must be 0 or 1, was " + scheme);
        }
        this.random = Objects.requireNonNull(random, "random");
        this.useDigest = useDigest;
        this.scheme = scheme;
    }

    /** C0+C1, {@value HandshakeServer#C0C1_LENGTH} bytes; built on the first call, the same bytes after. */
    public byte[] c0c1() {
        if (c1 == null) {
            c1 = buildC1();
        }
        byte[] c0c1 = new byte[HandshakeServer.C0C1_LENGTH];
        c0c1[0] = (byte) RTMP_VERSION;
        System.arraycopy(c1, 0, c0c1, 1, PACKET_LENGTH);
        return c0c1;
    }

    /**
     * Reads the server's S0+S1+S2 and returns C2.
     *
     * @param s0s1s2 exactly {@value HandshakeServer#S0S1S2_LENGTH} bytes
     * @return C2, {@value HandshakeServer#C2_LENGTH} bytes
     * @throws RtmpProtocolException with {@code HANDSHAKE_FAILED} if S0 is not 3
     */
    public byte[] respondToS0S1S2(byte[] s0s1s2) {
        HandshakeServer.requireLength(s0s1s2, HandshakeServer.S0S1S2_LENGTH, "S0S1S2");
        if (c1 == null) {
            throw new IllegalStateException("send c0c1() before reading the server's answer");
        }
        if (answered) {
            throw new IllegalStateException("S0S1S2 already answered");
        }
        answered = true;
        int serverVersion = s0s1s2[0] & 0xFF;
        if (serverVersion != RTMP_VERSION) {
            throw new RtmpProtocolException(RtmpProtocolException.Reason.HANDSHAKE_FAILED,
                "server answered with RTMP version " + serverVersion + ", expected 3");
        }
        byte[] s1 = Arrays.copyOfRange(s0s1s2, 1, 1 + PACKET_LENGTH);
        byte[] s2 = Arrays.copyOfRange(s0s1s2, 1 + PACKET_LENGTH, 1 + 2 * PACKET_LENGTH);

        int serverOffset = useDigest && HandshakeDigest.claimsVersion(s1) ? findServerDigest(s1) : -1;
        if (serverOffset < 0) {
            return s1;
        }
        byte[] clientDigest = HandshakeDigest.digestAt(c1, HandshakeDigest.digestOffset(c1, scheme));
        serverDigestVerified = HandshakeDigest.responseSigned(s2, clientDigest, HandshakeDigest.SERVER_FULL_KEY);

        byte[] c2 = new byte[PACKET_LENGTH];
        random.nextBytes(c2);
        HandshakeDigest.signResponse(c2, HandshakeDigest.digestAt(s1, serverOffset), HandshakeDigest.PLAYER_FULL_KEY);
        return c2;
    }

    /**
     * Whether the server proved it speaks the digest handshake: S1 carried a valid server digest
     * and S2 was signed over our C1 digest. False for simple handshakes and before the answer.
     */
    public boolean serverDigestVerified() {
        return serverDigestVerified;
    }

    private byte[] buildC1() {
        byte[] packet = new byte[PACKET_LENGTH];
        byte[] randomPart = new byte[PACKET_LENGTH - 8];
        random.nextBytes(randomPart);
        System.arraycopy(randomPart, 0, packet, 8, randomPart.length);
        if (useDigest) {
            System.arraycopy(CLIENT_VERSION, 0, packet, VERSION_OFFSET, VERSION_LENGTH);
            HandshakeDigest.imprintDigest(packet, scheme, HandshakeDigest.PLAYER_DIGEST_KEY);
        }
        return packet;
    }

    /** Servers normally mirror our scheme, but some always use one; try ours first, then the other. */
    private int findServerDigest(byte[] s1) {
        int offset = HandshakeDigest.findDigest(s1, scheme, HandshakeDigest.SERVER_DIGEST_KEY);
        return offset >= 0 ? offset : HandshakeDigest.findDigest(s1, 1 - scheme, HandshakeDigest.SERVER_DIGEST_KEY);
    }
}
