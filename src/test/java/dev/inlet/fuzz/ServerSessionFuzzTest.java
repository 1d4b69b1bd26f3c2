package dev.inlet.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.session.ConnectRequest;
import dev.inlet.rtmp.session.PlayRequest;
import dev.inlet.rtmp.session.PublishRequest;
import dev.inlet.rtmp.session.Reply;
import dev.inlet.rtmp.session.ServerSession;
import dev.inlet.rtmp.session.ServerSessionHandler;
import dev.inlet.rtmp.session.RecordingSessionOutput;
import dev.inlet.rtmp.session.SessionSettings;

import java.util.ArrayList;
import java.util.List;

/**
 * The whole server session, from decoded messages to replies and handler calls, on any sequence of messages. The
 * first input byte is the handler's policy (bit 0 rejects connect, bit 1 rejects publish, bit 2 rejects play, bit 3
 * answers publish and play only after the last message, as a slow authorisation would); the rest are messages in
 * the {@link SessionMessages} framing.
 *
 * <p>Like the transport, the test stops feeding a session once it has thrown or asked to be closed.
 */
class ServerSessionFuzzTest {

    @FuzzTest
    void fuzz(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int policy = input[0];
        RecordingSessionOutput out = new RecordingSessionOutput();
        PolicyHandler handler = new PolicyHandler(policy);
        ServerSession session = new ServerSession(out, s -> handler, SessionSettings.defaults());
        long bytes = 0;
        boolean failed = false;
        for (RtmpMessage message : SessionMessages.parse(input, 1)) {
            if (out.isClosing()) {
                break;
            }
            if (FuzzContract.rejectsRtmp(() -> session.onMessage(message))) {
                failed = true;
                break;
            }
            bytes += message.length() + 12;
            session.onBytesReceived(bytes);
        }
        handler.answerDeferred();
        session.onTransportClosed(failed ? "protocol error" : "end of input", null);
        FuzzContract.check(handler.disconnects == 1, "onDisconnect called " + handler.disconnects + " times");
    }

    /** Accepts or rejects by the policy bits; keeps the replies it was asked to delay. */
    private static final class PolicyHandler implements ServerSessionHandler {
        private final int policy;
        private final List<Runnable> deferred = new ArrayList<>();
        int disconnects;

        PolicyHandler(int policy) {
            this.policy = policy;
        }

        @Override
        public String onConnect(ConnectRequest request) {
            return (policy & 1) != 0 ? "rejected by policy" : null;
        }

        @Override
        public void onPublish(PublishRequest request, Reply reply) {
            answer(reply, (policy & 2) != 0);
        }

        @Override
        public void onPlay(PlayRequest request, Reply reply) {
            answer(reply, (policy & 4) != 0);
        }

        private void answer(Reply reply, boolean reject) {
            Runnable answer = reject ? () -> reply.reject("NetStream.Publish.BadName", "policy") : reply::accept;
            if ((policy & 8) != 0) {
                deferred.add(answer);
            } else {
                answer.run();
            }
        }

        void answerDeferred() {
            deferred.forEach(Runnable::run);
            deferred.clear();
        }

        @Override
        public void onPublisherMessage(int streamId, RtmpMessage message) {
        }

        @Override
        public void onStreamClosed(int streamId) {
        }

        @Override
        public void onDisconnect(String reason, Throwable cause) {
            disconnects++;
        }
    }
}
