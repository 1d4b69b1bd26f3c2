package dev.inlet.rtmp.session;

import java.time.Duration;

/**
 * Decides when a connection has gone silent for too long. The session reports each read and what the
 * connection is doing; this class alone knows the timeouts and how a player's silence is judged.
 *
 * <p>Publishers must keep sending; connections that neither publish nor play must do something.
 * Players may stay quiet for long: nothing obliges them to send anything while there is nothing to
 * receive (a paused stream, a publisher inside its reconnect grace). What a player must send is an
 * Acknowledgement each time it has received one window ({@link SessionSettings#windowAckSize}) of data.
 * So a player counts as gone only when both hold: it has sent nothing for {@code playerAckTimeout}, and
 * more than two windows have been handed to its socket since it last sent anything (two, so that bytes
 * still in socket buffers and an ack in flight are never held against it). A peer that vanished without
 * a close is usually caught earlier by the write-queue bound; this catches one that reads but ignores
 * the protocol.
 */
final class SessionLiveness {

    /** What the connection is doing, as far as silence is concerned. */
    enum Activity { PUBLISHING, PLAYING, PENDING, NOTHING }

    private final Duration publisherReadTimeout;
    private final Duration idleTimeout;
    private final Duration playerAckTimeout;
    private final long windowAckSize;

    private volatile long lastReadNanos;
    /** When the peer last sent a command; only commands keep a connection that neither publishes nor plays. */
    private volatile long lastCommandNanos;
    /** Bytes handed to the socket when the peer was last heard from. */
    private volatile long handedToSocketAtLastRead;

    SessionLiveness(SessionSettings settings, long nowNanos) {
        this.publisherReadTimeout = settings.publisherReadTimeout();
        this.idleTimeout = settings.idleTimeout();
        this.playerAckTimeout = settings.playerAckTimeout();
        this.windowAckSize = settings.windowAckSize();
        this.lastReadNanos = nowNanos;
        this.lastCommandNanos = nowNanos;
    }

    /**
     * The peer sent a command. Acknowledgements, pings and window messages do not count: alone they would keep
     * an idle peer (and whatever partial messages it holds) past the idle timeout.
     */
    void onCommand(long nowNanos) {
        lastCommandNanos = nowNanos;
    }

    /** The peer was heard from; {@code handedToSocket} is what had been handed to its socket by then. */
    void onRead(long nowNanos, long handedToSocket) {
        lastReadNanos = nowNanos;
        handedToSocketAtLastRead = handedToSocket;
    }

    /** Why the connection should be closed for silence at {@code nowNanos}, or null. */
    ServerSession.IdleClose idleClose(long nowNanos, Activity activity, long handedToSocket) {
        long silentNanos = nowNanos - lastReadNanos;
        if (activity == Activity.PUBLISHING && silentNanos > publisherReadTimeout.toNanos()) {
            return new ServerSession.IdleClose("idle_timeout",
                    "no data from the publisher for " + publisherReadTimeout.toSeconds() + " s");
        }
        if (activity == Activity.PLAYING && !playerAckTimeout.isZero() && silentNanos > playerAckTimeout.toNanos()) {
            long unacknowledged = handedToSocket - handedToSocketAtLastRead;
            if (unacknowledged > 2 * windowAckSize) {
                return new ServerSession.IdleClose("player_ack_timeout", "player sent no acknowledgement for "
                        + playerAckTimeout.toSeconds() + " s although " + unacknowledged
                        + " bytes were sent to it (acknowledgement window " + windowAckSize + ")");
            }
        }
        if (activity == Activity.NOTHING && nowNanos - lastCommandNanos > idleTimeout.toNanos()) {
            return new ServerSession.IdleClose("idle_timeout",
                    "idle for " + idleTimeout.toSeconds() + " s without publishing or playing");
        }
        return null;
    }
}
