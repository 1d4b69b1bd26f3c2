package dev.inlet.core;

import java.util.Objects;
import java.util.Optional;

/**
 * A stream's own encryption of its SRT connections (publishers and readers): a passphrase of 10 to 79 characters. It
 * is a shared secret the SRT library needs in clear to derive its keys, so, unlike a stream key, it is stored as
 * given and never shown again. The AES key length is the server's ({@code inlet.srt.key-length}): libsrt announces
 * it before the caller names its stream, so it cannot differ per stream.
 *
 * @param passphrase the stream's passphrase; empty = the server-wide one (or none)
 */
public record StreamEncryption(Optional<String> passphrase) {

    public static final int MIN_PASSPHRASE = 10;
    public static final int MAX_PASSPHRASE = 79;
    /** The server-wide settings apply. */
    public static final StreamEncryption SERVER_DEFAULT = new StreamEncryption(Optional.empty());

    public StreamEncryption {
        Objects.requireNonNull(passphrase, "passphrase");
        passphrase.ifPresent(StreamEncryption::requireValidPassphrase);
    }

    public static void requireValidPassphrase(String passphrase) {
        if (passphrase.length() < MIN_PASSPHRASE || passphrase.length() > MAX_PASSPHRASE) {
            throw new IllegalArgumentException("an SRT passphrase has " + MIN_PASSPHRASE + " to " + MAX_PASSPHRASE
                    + " characters, not " + passphrase.length());
        }
    }

    public static void requireValidKeyLength(int keyLengthBytes) {
        if (keyLengthBytes != 16 && keyLengthBytes != 24 && keyLengthBytes != 32) {
            throw new IllegalArgumentException("an SRT key is 16, 24 or 32 bytes (AES-128/192/256), not "
                    + keyLengthBytes);
        }
    }

    /** Never shows the passphrase. */
    @Override
    public String toString() {
        return "StreamEncryption[passphrase=" + (passphrase.isPresent() ? "the stream's" : "the server's") + "]";
    }
}
