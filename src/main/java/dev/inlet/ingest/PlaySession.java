package dev.inlet.ingest;

import dev.inlet.core.PlayInfo;
import dev.inlet.core.Player;
import dev.inlet.core.Reading;
import dev.inlet.hub.MediaFrame;
import dev.inlet.rtmp.chunk.SharedEncoding;
import dev.inlet.rtmp.session.ServerSession;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;




/**
 * The RTMP side of one player on one message stream: a {@link Player} the stream core feeds. Until
 * {@code NetStream.Play.Start} has gone out, tags the play function sends are held back, so the player never sees
 * media before its status.
 */
final class PlaySession implements Player {


    /** A tag waiting for the play status; {@code frame} is set when it came from the hub, so it can go out shared. */
    private record HeldTag(int tagType, long timestamp, byte[] body, MediaFrame frame) {
    }

    private final ServerSession session;
    private final int streamId;
    private final PlayInfo info;
    /** The player's connect negotiated Enhanced RTMP multitrack (capsEx): it gets every track of a multitrack stream. */
    private final boolean multitrack;
    private final AtomicLong bytesSent = new AtomicLong();
    private List<HeldTag> held = new ArrayList<>();
    private volatile Reading reading;
    private volatile boolean open = true;
    private final java.util.concurrent.atomic.AtomicBoolean closing = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean paused;
    private volatile boolean receiveAudio = true;
    private volatile boolean receiveVideo = true;

    PlaySession(ServerSession session, int streamId, PlayInfo info) {
        this.session = session;
        this.streamId = streamId;
        this.info = info;
        this.multitrack = session.connection() != null && session.connection().supportsMultitrack();
    }

    @Override
    public long bytesSent() {
        return bytesSent.get();
    }

    @Override
    public void disconnect(String reason) {
        session.output().close(reason);
    }

    @Override
    public PlayInfo info() {
        return info;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public synchronized void writeTag(int tagType, long timestamp, byte[] body) throws IOException {
        if (!open) {
            throw new IOException("player " + info.remoteAddress() + " has left");
        }
        if (held != null) {
            held.add(new HeldTag(tagType, timestamp, body, null));
            return;
        }
        if (paused || (tagType == 8 && !receiveAudio) || (tagType == 9 && !receiveVideo)) {
            return;
        }
        session.sendMedia(streamId, tagType, timestamp, body);
        bytesSent.addAndGet(body.length);
    }

    @Override
    public synchronized void writeFrame(MediaFrame frame) throws IOException {
        byte[] body = frame.bodyFor(multitrack);
        if (body == null) {
            return; // a multitrack message without the default track: nothing for a single-track player
        }
        if (!open) {
            throw new IOException("player " + info.remoteAddress() + " has left");
        }
        if (held != null) {
            // The catch-up GOP of a joining player: kept as the frame so that its shared encoding is reused.
            held.add(new HeldTag(frame.kind().tagType, frame.timestamp(), body, frame));
            return;
        }
        int tagType = frame.kind().tagType;
        if (paused || (tagType == 8 && !receiveAudio) || (tagType == 9 && !receiveVideo)) {
            return;
        }
        session.sendMedia(streamId, tagType, frame.timestamp(), body, sharedEncodingOf(frame, body));
        bytesSent.addAndGet(body.length);
    }

    /** The shared encoding of {@code body}, one of the frame's bodies: each has its own slot. */
    private static SharedEncoding sharedEncodingOf(MediaFrame frame, byte[] body) {
        boolean multitrackBody = body != frame.body();
        Object cached = multitrackBody ? frame.multitrackWireEncoding() : frame.wireEncoding();
        if (cached instanceof SharedEncoding shared) {
            return shared;
        }
        synchronized (frame) {
            cached = multitrackBody ? frame.multitrackWireEncoding() : frame.wireEncoding();
            if (cached instanceof SharedEncoding shared) {
                return shared;
            }
            SharedEncoding created = new SharedEncoding();
            if (multitrackBody) {
                frame.multitrackWireEncoding(created);
            } else {
                frame.wireEncoding(created);
            }
            return created;
        }
    }

    /**
     * The play status has been sent: release what the feed produced meanwhile, then go live.
     *
     * <p>The held tags (the catch-up GOP, hundreds of KB) are written outside this session's lock: the hub's
     * publish calls {@link #writeFrame} for every player in turn, and would otherwise wait here until the whole
     * catch-up had gone to the socket, holding up the publisher and every other player (with a crowd joining, one
     * catch-up after another). Frames arriving meanwhile join the held list and go out in the next round; the
     * session goes live only when a round finds the list empty, so the order is kept.
     */
    void started(Reading admitted) {
        boolean stillOpen;
        synchronized (this) {
            this.reading = admitted;
            stillOpen = open;
        }
        if (!stillOpen) {
            admitted.close("left before playback started"); // closed while the core was admitting it
            return;
        }
        while (true) {
            List<HeldTag> pending;
            synchronized (this) {
                if (held == null || !open) {
                    held = null;
                    return; // closed meanwhile (close() saw the reading and closed it)
                }
                if (held.isEmpty()) {
                    held = null;
                    return;
                }
                pending = held;
                held = new ArrayList<>();
            }
            // Only this thread sends for this session until held is null: writeFrame and writeTag append to it.
            for (HeldTag tag : pending) {
                if (tag.frame() != null) {
                    // A frame of the hub (the catch-up GOP): its chunked bytes are shared with every other player.
                    session.sendMedia(streamId, tag.tagType(), tag.timestamp(), tag.body(),
                            sharedEncodingOf(tag.frame(), tag.body()));
                } else {
                    session.sendMedia(streamId, tag.tagType(), tag.timestamp(), tag.body());
                }
                bytesSent.addAndGet(tag.body().length);
            }
        }
    }

    @Override
    public void end(String reason) {
        if (open) {
            session.endPlayback(streamId, reason);
            close(reason);
        }
    }

    @Override
    public boolean multitrack() {
        return multitrack;
    }

    @Override
    public long backlogBytes() {
        return session.output().pendingBytes();
    }

    void setPaused(boolean paused) {
        this.paused = paused;
    }

    void setReceive(boolean audio, boolean video) {
        this.receiveAudio = audio;
        this.receiveVideo = video;
    }

    /**
     * The player left: the core stops its feed and frees its slot. Idempotent. Takes no lock of this session: it is
     * called when the transport closes the connection, which can happen on a thread that holds the connection's
     * output lock while a publisher's thread holds this session's lock and waits for that output (seen as a deadlock
     * of a Payara Server undeploy). {@link #started} publishes the reading before it reads {@code open}, and this
     * clears {@code open} before it reads the reading, so one of them always closes it ({@link Reading#close} is
     * idempotent).
     */
    void close(String reason) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        open = false;
        Reading admitted = reading;
        if (admitted != null) {
            admitted.close(reason);
        }
    }

}
