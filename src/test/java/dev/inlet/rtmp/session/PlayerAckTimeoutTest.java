package dev.inlet.rtmp.session;

import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.amf.AmfLimits;
import dev.inlet.rtmp.chunk.SharedEncoding;
import dev.inlet.rtmp.command.CommandMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The rule that closes a player: silent for the timeout while more than two ack windows went to its socket. */
class PlayerAckTimeoutTest {

    private static final long WINDOW = 1_000_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final CountingOutput out = new CountingOutput();
    private ServerSession session;

    @BeforeEach
    void playing() {
        SessionSettings settings = new SessionSettings(4096, WINDOW, WINDOW, AmfLimits.defaults(),
                Duration.ofSeconds(10), Duration.ofSeconds(30), TIMEOUT, 0, 1);
        session = new ServerSession(out, s -> new AcceptingHandler(), settings);
        session.onMessage(CommandMessage.of("connect", 1, Map.of("app", "live")).encode(0));
        session.onMessage(CommandMessage.of("createStream", 2, null).encode(0));
        session.onMessage(CommandMessage.of("play", 0, null, "demo").encode(MessageTypes.COMMAND_AMF0, 1));
        session.onBytesReceived(500);
    }

    @Test
    void aSilentPlayerThatIsSentNothingStays() {
        assertThat(session.idleClose(System.nanoTime() + Duration.ofHours(1).toNanos())).isNull();
    }

    @Test
    void aSilentPlayerIsClosedOnlyAfterTwoWindowsAndTheTimeout() {
        out.sent = 2 * WINDOW + out.sent + 1;
        long now = System.nanoTime();
        assertThat(session.idleClose(now)).as("not yet silent for long").isNull();
        ServerSession.IdleClose close = session.idleClose(now + TIMEOUT.toNanos() + 1);
        assertThat(close).isNotNull();
        assertThat(close.reason()).isEqualTo("player_ack_timeout");
    }

    @Test
    void bytesStillQueuedDoNotCount() {
        out.sent += 3 * WINDOW;
        out.pending = 2 * WINDOW;
        assertThat(session.idleClose(System.nanoTime() + TIMEOUT.toNanos() * 2)).isNull();
    }

    @Test
    void anAcknowledgementResetsTheCount() {
        out.sent += 2 * WINDOW + 1;
        session.onBytesReceived(520); // the player's Acknowledgement arrived
        assertThat(session.idleClose(System.nanoTime() + TIMEOUT.toNanos() / 2)).isNull();
        out.sent += WINDOW;
        assertThat(session.idleClose(System.nanoTime() + TIMEOUT.toNanos() * 2)).as("one window since").isNull();
    }

    private static final class CountingOutput implements SessionOutput {
        long sent;
        long pending;

        @Override
        public void send(int chunkStreamId, RtmpMessage message) {
            sent += message.payload().length;
        }

        @Override
        public void sendShared(int chunkStreamId, RtmpMessage message, SharedEncoding shared) {
            sent += message.payload().length;
        }

        @Override
        public void closeAfterFlush(String reason) {
        }

        @Override
        public void close(String reason) {
        }

        @Override
        public String remoteAddress() {
            return "127.0.0.1:5000";
        }

        @Override
        public long pendingBytes() {
            return pending;
        }

        @Override
        public long bytesSent() {
            return sent;
        }
    }

    private static final class AcceptingHandler implements ServerSessionHandler {
        @Override
        public String onConnect(ConnectRequest request) {
            return null;
        }

        @Override
        public void onPublish(PublishRequest request, Reply reply) {
            reply.accept();
        }

        @Override
        public void onPlay(PlayRequest request, Reply reply) {
            reply.accept();
        }

        @Override
        public void onPublisherMessage(int streamId, RtmpMessage message) {
        }

        @Override
        public void onStreamClosed(int streamId) {
        }

        @Override
        public void onDisconnect(String reason, Throwable cause) {
        }
    }
}
