package dev.inlet.ingest.srt;

import dev.inlet.core.Publication;
import dev.inlet.core.PublisherConnection;
import dev.inlet.core.StreamCore;
import dev.inlet.core.StreamEncryption;
import dev.inlet.core.TransportStats;
import dev.inlet.srt.SrtConnection;
import dev.inlet.srt.SrtVerdict;

import java.util.Optional;

/**
 * One SRT publisher from its admission to its end. The core admits it during the handshake, before libsrt has a
 * connection to give, so this is what the core holds as its {@link PublisherConnection}: a kick reaches the SRT
 * connection once there is one. An admitted publish whose handshake still fails (a late admission that the caller
 * was already rejected for, a wrong passphrase, a caller that gives up; the listener reports the last two within a
 * poll) is abandoned: its publication ends and the lease is given back instead of holding the stream's input.
 */
final class SrtPublisher implements PublisherConnection, SrtVerdict.ConnectionHandler {

    private static final SrtConnection.Listener IGNORED = new SrtConnection.Listener() {
        @Override
        public void onData(byte[] message, int length) {
        }

        @Override
        public void onClosed(String reason) {
        }
    };

    private final StreamCore core;
    private final String source;
    private Publication publication;
    private SrtConnection connection;
    private boolean abandoned;

    /** @param source who publishes, for logs (already safe to log) */
    SrtPublisher(StreamCore core, String source) {
        this.core = core;
        this.source = source;
    }

    /** The core admitted the publish: the verdict that lets the caller in, with its stream's encryption. */
    SrtVerdict admitted(Publication admittedPublication, StreamEncryption encryption) {
        synchronized (this) {
            if (!abandoned) {
                publication = admittedPublication;
                return SrtVerdicts.accept(encryption, this);
            }
        }
        admittedPublication.end("admitted after the SRT handshake was rejected", null);
        return SrtVerdict.reject(dev.inlet.srt.SrtRejectReason.UNAVAILABLE, "admitted too late");
    }

    /** The handshake will not produce a connection: the publication, if any, ends. */
    void abandon(String reason) {
        Publication admittedPublication;
        synchronized (this) {
            if (connection != null || abandoned) {
                return;
            }
            abandoned = true;
            admittedPublication = publication;
        }
        if (admittedPublication != null) {
            admittedPublication.end(reason, null);
        }
    }

    @Override
    public void handshakeFailed(String reason) {
        abandon(reason);
    }

    /** libsrt established the admitted connection (on the listener's thread): the publish is confirmed. */
    @Override
    public SrtConnection.Listener connected(SrtConnection established) {
        Publication admittedPublication;
        synchronized (this) {
            if (abandoned) {
                established.close("the admission expired");
                return IGNORED;
            }
            connection = established;
            admittedPublication = publication;
        }
        SrtPublishSession session = new SrtPublishSession(admittedPublication, source);
        core.confirmed(admittedPublication);
        return session;
    }

    /** Kick, takeover, disabled stream: the connection closes and its session ends the publication. */
    @Override
    public void disconnect(String reason) {
        SrtConnection established;
        synchronized (this) {
            established = connection;
        }
        if (established == null) {
            abandon(reason);
        } else {
            established.close(reason);
        }
    }

    /** libsrt's statistics of the established connection; empty during the handshake and after the close. */
    @Override
    public Optional<TransportStats> transportStats() {
        SrtConnection established;
        synchronized (this) {
            established = connection;
        }
        return SrtTransportStats.read(established);
    }
}
