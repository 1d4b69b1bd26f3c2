package dev.inlet.hub;

import dev.inlet.media.TrackPanel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The fan-out point of one live stream: the publisher hands every frame in once, every subscribed
 * player gets it. A new player first receives the metadata, the sequence headers and the frames of
 * the current GOP (from its keyframe), so it can decode at once, then the live frames.
 */
public final class StreamHub {

    private final String name;
    private final long gopCacheMaxBytes;
    private final List<Attached> subscribers = new CopyOnWriteArrayList<>();
    private final List<MediaFrame> gop = new ArrayList<>();
    private long gopBytes;
    private boolean gopOverflowed;
    private MediaFrame metadata;
    private MediaFrame videoConfig;
    private MediaFrame audioConfig;
    private boolean ended;
    private final TrackPanel tracks = new TrackPanel();

    public StreamHub(String name, long gopCacheMaxBytes) {
        this.name = name;
        this.gopCacheMaxBytes = gopCacheMaxBytes;
    }

    public String name() {
        return name;
    }

    /** The stream's track panel: codecs, sizes, rates and bitrates, kept up to date by the publisher. */
    public TrackPanel tracks() {
        return tracks;
    }

    /** Called for every frame, on the publisher's thread, in order. */
    public synchronized void publish(MediaFrame frame) {
        if (ended) {
            return;
        }
        remember(frame);
        for (Attached attached : subscribers) {
            attached.offer(frame);
        }
    }

    /**
     * Attaches a player: the catch-up frames are delivered before this returns, then live frames.
     *
     * @throws IllegalStateException if the stream has already ended
     */
    public synchronized Subscription subscribe(Subscriber subscriber) {
        if (ended) {
            throw new IllegalStateException("stream " + name + " has ended");
        }
        Attached attached = new Attached(subscriber, videoConfig != null && gop.isEmpty());
        for (MediaFrame frame : catchUpFrames()) {
            if (!subscriber.onFrame(frame)) {
                return () -> { };
            }
        }
        subscribers.add(attached);
        return () -> subscribers.remove(attached);
    }

    /** The publisher has gone: every subscriber is told and detached. Idempotent. */
    public void end(String reason) {
        List<Attached> detached;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            detached = new ArrayList<>(subscribers);
            subscribers.clear();
            gop.clear();
        }
        for (Attached attached : detached) {
            attached.subscriber.onEnd(reason);
        }
    }

    public synchronized boolean isEnded() {
        return ended;
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    /** What a player joining now receives before the live frames. */
    synchronized List<MediaFrame> catchUpFrames() {
        List<MediaFrame> frames = new ArrayList<>(gop.size() + 3);
        if (metadata != null) {
            frames.add(metadata);
        }
        if (videoConfig != null) {
            frames.add(videoConfig);
        }
        if (audioConfig != null) {
            frames.add(audioConfig);
        }
        frames.addAll(gop);
        return frames;
    }

    private void remember(MediaFrame frame) {
        switch (frame.kind()) {
            case METADATA -> metadata = frame;
            case VIDEO -> {
                if (frame.config()) {
                    videoConfig = frame;
                    return;
                }
                if (frame.keyframe()) {
                    gop.clear();
                    gopBytes = 0;
                    gopOverflowed = false;
                }
                cache(frame);
            }
            case AUDIO -> {
                if (frame.config()) {
                    audioConfig = frame;
                    return;
                }
                cache(frame);
            }
            case DATA -> {
                // live-only: cue points and the like are not replayed to late joiners
            }
        }
    }

    private void cache(MediaFrame frame) {
        // Only cache from a keyframe on; an overflowing GOP is dropped whole rather than cut,
        // because a GOP without its keyframe is useless to a joining player.
        if (gopOverflowed || (gop.isEmpty() && !frame.keyframe())) {
            return;
        }
        gop.add(frame);
        gopBytes += frame.body().length;
        if (gopBytes > gopCacheMaxBytes) {
            gop.clear();
            gopBytes = 0;
            gopOverflowed = true;
        }
    }

    /** A subscriber plus whether it still waits for a keyframe before receiving video. */
    private final class Attached {
        private final Subscriber subscriber;
        private boolean waitingForKeyframe;

        Attached(Subscriber subscriber, boolean waitingForKeyframe) {
            this.subscriber = subscriber;
            this.waitingForKeyframe = waitingForKeyframe;
        }

        void offer(MediaFrame frame) {
            if (waitingForKeyframe && frame.kind() == MediaFrame.Kind.VIDEO && !frame.config()) {
                if (!frame.keyframe()) {
                    return;
                }
                waitingForKeyframe = false;
            }
            if (!subscriber.onFrame(frame)) {
                subscribers.remove(this);
            }
        }
    }
}
