package dev.inlet.rtmp.session;

import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.chunk.SharedEncoding;

import java.util.ArrayList;
import java.util.List;

/**
 * A session output for tests: keeps what the session sent and whether (and how) it closed. Tests that need a
 * different socket (a slow one, one that tells shared sends apart) override {@link #send} or {@link #sendShared}.
 */
public class RecordingSessionOutput implements SessionOutput {

    public final List<RtmpMessage> sent = new ArrayList<>();
    public boolean closedAfterFlush;
    public boolean closed;

    @Override
    public void send(int chunkStreamId, RtmpMessage message) {
        sent.add(message);
    }

    @Override
    public void sendShared(int chunkStreamId, RtmpMessage message, SharedEncoding shared) {
        sent.add(message);
    }

    @Override
    public void closeAfterFlush(String reason) {
        closedAfterFlush = true;
    }

    @Override
    public void close(String reason) {
        closed = true;
    }

    /** Whether the session asked for the connection to end, either way. */
    public boolean isClosing() {
        return closed || closedAfterFlush;
    }

    @Override
    public String remoteAddress() {
        return "127.0.0.1:5000";
    }

    @Override
    public long pendingBytes() {
        return 0;
    }
}
