package dev.inlet.core;

import dev.inlet.hub.MediaFrame;

/**
 * One edge pull as an input of a stream on this node: the frames another node's publisher sends, pulled over
 * RTMP, enter the stream's inputs like a local publisher's (same failover, one timeline) but hold no lease, are
 * not a session and start no relay or recording: those run where the publisher is. The first frame attaches it.
 */
public final class EdgeInput {

    /** What the core does for it. */
    interface Owner {
        void attach(EdgeInput input);

        void detach(EdgeInput input, String reason, boolean clean);
    }

    private final String streamCode;
    private final int priority;
    private final String origin;
    private final StreamInputs stream;
    private final Owner owner;
    private boolean attached;
    private boolean ended;

    EdgeInput(String streamCode, int priority, String origin, StreamInputs stream, Owner owner) {
        this.streamCode = streamCode;
        this.priority = priority;
        this.origin = origin;
        this.stream = stream;
        this.owner = owner;
    }

    public String streamCode() {
        return streamCode;
    }

    /** The priority of the origin's input that this pull carries. */
    public int priority() {
        return priority;
    }

    /** The node pulled from. */
    public String origin() {
        return origin;
    }

    int slot() {
        return StreamInputs.edgeSlot(priority);
    }

    /** A frame pulled from the origin, on the pull's own timeline; the first one attaches the input. */
    public synchronized void onFrame(MediaFrame frame) {
        // Under this lock, so no frame of an ended pull reaches the slot the next pull of this priority takes.
        if (ended) {
            return;
        }
        if (!attached) {
            attached = true;
            owner.attach(this);
        }
        stream.onFrame(slot(), frame);
    }

    /** Whether a frame has arrived (the stream's hub then is live here). */
    public synchronized boolean attached() {
        return attached;
    }

    /**
     * The pull ended: with {@code clean} (the origin's stream ended) readers end at once; otherwise they wait the
     * reconnect grace, as for a dropped publisher, for a new origin. Idempotent.
     */
    public void end(String reason, boolean clean) {
        boolean wasAttached;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            wasAttached = attached;
        }
        if (wasAttached) {
            owner.detach(this, reason, clean);
        }
    }
}
