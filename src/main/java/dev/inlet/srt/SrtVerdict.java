package dev.inlet.srt;

import java.util.Objects;
import java.util.Optional;

/** The answer to a caller's handshake: accept it (how to handle the connection) or reject it with a reason. */
public sealed interface SrtVerdict {

    /** Passphrases libsrt accepts (SRTO_PASSPHRASE). */
    int MIN_PASSPHRASE = 10;
    int MAX_PASSPHRASE = 79;

    /** Called on the listener's thread once the accepted connection is established; returns its listener. */
    @FunctionalInterface
    interface ConnectionHandler {
        SrtConnection.Listener connected(SrtConnection connection);

        /**
         * The admitted handshake will never become a connection: libsrt failed it after the admission (a wrong or
         * missing passphrase is checked only then), the caller gave up, or the listener stopped. Called at most once,
         * never after {@link #connected}, on the listener's thread; what the admission claimed is to be given back.
         */
        default void handshakeFailed(String reason) {
        }
    }

    /**
     * @param passphrase this connection's passphrase; empty keeps the listener's (none, or the server-wide one). The
     *        key length cannot be chosen here: libsrt announces the listener's before the hook runs.
     */
    record Accept(Optional<String> passphrase, ConnectionHandler handler) implements SrtVerdict {
        public Accept {
            Objects.requireNonNull(handler, "handler");
            passphrase.ifPresent(SrtVerdict::requireValidPassphrase);
        }

        /** The same passphrase with another handler (a wrapper's). */
        public Accept withHandler(ConnectionHandler other) {
            return new Accept(passphrase, other);
        }
    }

    /** @param detail why, for Inlet's log (never sent to the caller, who only sees the code) */
    record Reject(SrtRejectReason reason, String detail) implements SrtVerdict {
        public Reject {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    static SrtVerdict accept(ConnectionHandler handler) {
        return new Accept(Optional.empty(), handler);
    }

    static SrtVerdict accept(String passphrase, ConnectionHandler handler) {
        return new Accept(Optional.of(passphrase), handler);
    }

    static SrtVerdict reject(SrtRejectReason reason, String detail) {
        return new Reject(reason, detail);
    }

    /** AES-128, -192 or -256: the key lengths SRT encrypts with (SRTO_PBKEYLEN). */
    static void requireValidKeyLength(int keyLengthBytes) {
        if (keyLengthBytes != 16 && keyLengthBytes != 24 && keyLengthBytes != 32) {
            throw new IllegalArgumentException("an SRT key is 16, 24 or 32 bytes (AES-128/192/256), not " + keyLengthBytes);
        }
    }

    static void requireValidPassphrase(String passphrase) {
        if (passphrase.length() < MIN_PASSPHRASE || passphrase.length() > MAX_PASSPHRASE) {
            throw new IllegalArgumentException("an SRT passphrase has " + MIN_PASSPHRASE + " to " + MAX_PASSPHRASE
                    + " characters");
        }
    }
}
