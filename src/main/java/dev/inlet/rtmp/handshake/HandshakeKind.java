package dev.inlet.rtmp.handshake;

/** Which handshake the server recognised in the client's C1, and answered with. */
public enum HandshakeKind {
    /** RTMP 1.0 spec handshake: no digests, S2 echoes C1. Also the fallback for C1s with a bad digest. */
    SIMPLE,
    /** Flash Player digest handshake, digest in the first half of C1 ("digest first"). */
    DIGEST_SCHEME_0,
    /** Flash Player digest handshake, digest in the second half of C1 ("key first"). */
    DIGEST_SCHEME_1;

    /** The digest kind for scheme 0 or 1. */
    static HandshakeKind ofScheme(int scheme) {
        return switch (scheme) {
            case 0 -> DIGEST_SCHEME_0;
            case 1 -> DIGEST_SCHEME_1;
            default -> throw new IllegalArgumentException("digest scheme must be 0 or 1, was " + scheme);
        };
    }

    /** The digest scheme number; only meaningful for the digest kinds. */
    int scheme() {
        return switch (this) {
            case DIGEST_SCHEME_0 -> 0;
            case DIGEST_SCHEME_1 -> 1;
            case SIMPLE -> throw new IllegalStateException("the simple handshake has no digest scheme");
        };
    }
}
