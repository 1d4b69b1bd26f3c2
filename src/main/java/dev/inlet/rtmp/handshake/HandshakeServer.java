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
 * The server side of one connection's RTMP handshake, as a pure bytes-to-bytes state machine:
 * {@link #respondToC0C1} once, then {@link #acceptC2} once. The transport filter frames the bytes.
 *
 * <p>What it accepts:
 * <ul>
 *   <li>C0 must be 3. Anything else, including 6 (RTMPE, encrypted RTMP, which we do not
 *       implement), fails with {@link RtmpProtocolException.Reason#HANDSHAKE_FAILED}.</li>
 *   <li>A C1 whose version bytes (4..7) are zero gets the simple handshake: S1 random with zero
 *       version bytes, S2 an exact copy of C1.</li>
 *   <li>A C1 claiming a version whose digest validates under scheme 0 or scheme 1 gets a digest
 *       answer under the same scheme: S1 carries our digest, S2 is signed with the client's digest.</li>
 *   <li>A C1 claiming a version without a valid digest gets the simple answer. S1's version bytes
 *       stay zero then, because players such as ffmpeg insist on an S1 digest whenever S1 claims a
 *       server version.</li>
 * </ul>
 *
 * <p>C2 is checked for diagnostics only ({@link #c2Matched}); many encoders send a C2 that does not
 * echo S1 exactly, so a mismatch never fails the handshake.
 *
 * <p>Framing errors by the caller (wrong lengths, calls out of order) raise
 * {@link IllegalArgumentException} or {@link IllegalStateException}: the filter must hand over
 * exactly C0+C1, then exactly C2.
 */
public final class HandshakeServer {

    public static final int C0C1_LENGTH = 1 + PACKET_LENGTH;
    public static final int C2_LENGTH = PACKET_LENGTH;
    public static final int S0S1S2_LENGTH = 1 + 2 * PACKET_LENGTH;

    /** The RTMPE version byte, named only to give its rejection a clear message. */
    private static final int RTMPE_VERSION = 6;
    /** Claims Flash Media Server 4.5.0.1; the first byte must be at least 3 for players to check our digest. */
    private static final byte[] SERVER_VERSION = {4, 5, 0, 1};

    private static final System.Logger LOG = System.getLogger(HandshakeServer.class.getName());

    private final RandomGenerator random;
    private HandshakeKind kind;
    private byte[] s1;
    private byte[] serverDigest;
    private boolean c2Accepted;
    private boolean c2Matched;

    /** @param random fills S1 and S2; a {@link java.security.SecureRandom} in production. */
    public HandshakeServer(RandomGenerator random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Answers C0+C1 with S0+S1+S2.
     *
     * @param c0c1 exactly {@value #C0C1_LENGTH} bytes
     * @return {@value #S0S1S2_LENGTH} bytes to send
     * @throws RtmpProtocolException with {@code HANDSHAKE_FAILED} if C0 is not 3
     */
    public byte[] respondToC0C1(byte[] c0c1) {
        requireLength(c0c1, C0C1_LENGTH, "C0C1");
        if (kind != null) {
            throw new IllegalStateException("C0C1 already answered");
        }
        int clientVersion = c0c1[0] & 0xFF;
        if (clientVersion != RTMP_VERSION) {
            throw new RtmpProtocolException(RtmpProtocolException.Reason.HANDSHAKE_FAILED,
                clientVersion == RTMPE_VERSION
                    ? "client asked for RTMPE (version 6), encrypted RTMP is not supported"
                    : "client asked for RTMP version " + clientVersion + ", only 3 is supported");
        }
        byte[] c1 = Arrays.copyOfRange(c0c1, 1, C0C1_LENGTH);

        byte[] s2;
        s1 = randomPacket();
        int clientScheme = clientDigestScheme(c1);
        if (clientScheme < 0) {
            kind = HandshakeKind.SIMPLE;
            s2 = c1;
        } else {
            kind = HandshakeKind.ofScheme(clientScheme);
            System.arraycopy(SERVER_VERSION, 0, s1, VERSION_OFFSET, VERSION_LENGTH);
            int serverOffset = HandshakeDigest.imprintDigest(s1, clientScheme, HandshakeDigest.SERVER_DIGEST_KEY);
            serverDigest = HandshakeDigest.digestAt(s1, serverOffset);
            byte[] clientDigest = HandshakeDigest.digestAt(c1, HandshakeDigest.digestOffset(c1, clientScheme));
            s2 = randomPacket();
            HandshakeDigest.signResponse(s2, clientDigest, HandshakeDigest.SERVER_FULL_KEY);
        }

        byte[] response = new byte[S0S1S2_LENGTH];
        response[0] = (byte) RTMP_VERSION;
        System.arraycopy(s1, 0, response, 1, PACKET_LENGTH);
        System.arraycopy(s2, 0, response, 1 + PACKET_LENGTH, PACKET_LENGTH);
        return response;
    }

    /**
     * Takes the client's C2 and records whether it proves the client read S1. Never fails the
     * handshake on content.
     *
     * @param c2 exactly {@value #C2_LENGTH} bytes
     */
    public void acceptC2(byte[] c2) {
        requireLength(c2, C2_LENGTH, "C2");
        if (kind == null) {
            throw new IllegalStateException("C2 before C0C1");
        }
        if (c2Accepted) {
            throw new IllegalStateException("C2 already accepted");
        }
        c2Accepted = true;
        c2Matched = echoesS1(c2)
            || (serverDigest != null && HandshakeDigest.responseSigned(c2, serverDigest, HandshakeDigest.PLAYER_FULL_KEY));
        if (!c2Matched) {
            LOG.log(System.Logger.Level.DEBUG,
                "C2 neither echoes S1 nor carries a valid signature ({0} handshake); continuing anyway", kind);
        }
    }

    /**
     * The handshake recognised in C1.
     *
     * @throws IllegalStateException before {@link #respondToC0C1}
     */
    public HandshakeKind kind() {
        if (kind == null) {
            throw new IllegalStateException("no C0C1 answered yet");
        }
        return kind;
    }

    /** Whether C2 echoed S1 or carried a valid digest signature; false until C2 arrives. Diagnostics only. */
    public boolean c2Matched() {
        return c2Matched;
    }

    /** The scheme under which C1 carries a valid client digest, or -1 for a simple handshake. */
    private static int clientDigestScheme(byte[] c1) {
        if (!HandshakeDigest.claimsVersion(c1)) {
            return -1;
        }
        for (int scheme = 0; scheme <= 1; scheme++) {
            if (HandshakeDigest.findDigest(c1, scheme, HandshakeDigest.PLAYER_DIGEST_KEY) >= 0) {
                return scheme;
            }
        }
        return -1;
    }

    /**
     * The spec's C2 repeats S1's time and random bytes; bytes 4..7 are the client's read time, so
     * they may differ.
     */
    private boolean echoesS1(byte[] c2) {
        return Arrays.equals(c2, 0, VERSION_OFFSET, s1, 0, VERSION_OFFSET)
            && Arrays.equals(c2, VERSION_OFFSET + VERSION_LENGTH, PACKET_LENGTH,
                s1, VERSION_OFFSET + VERSION_LENGTH, PACKET_LENGTH);
    }

    /** 4 zero time bytes, 4 zero version bytes, 1528 random bytes. */
    private byte[] randomPacket() {
        byte[] packet = new byte[PACKET_LENGTH];
        byte[] randomPart = new byte[PACKET_LENGTH - 8];
        random.nextBytes(randomPart);
        System.arraycopy(randomPart, 0, packet, 8, randomPart.length);
        return packet;
    }

    static void requireLength(byte[] bytes, int expected, String what) {
        Objects.requireNonNull(bytes, what);
        if (bytes.length != expected) {
            throw new IllegalArgumentException(what + " must be " + expected + " bytes, was " + bytes.length);
        }
    }
}
