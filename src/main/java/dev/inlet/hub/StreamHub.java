package dev.inlet.hub;

import dev.inlet.media.FlvAudioTag;
import dev.inlet.media.FlvVideoTag;
import dev.inlet.media.TagTrack;
import dev.inlet.media.TrackInfo;
import dev.inlet.media.TrackPanel;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * The fan-out point of one live stream: the publisher hands every frame in once, every subscribed
 * player gets it. A new player first receives the metadata, the sequence headers and the frames of
 * the current GOP (from its keyframe), so it can decode at once, then the live frames. A player that
 * falls behind skips to the next keyframe (see {@link BackPressure}); the publisher never waits.
 */
public final class StreamHub {

    private final String name;
    private final long gopCacheMaxBytes;
    private final BackPressure backPressure;
    private final LongSupplier nanoClock;
    private final List<Attached> subscribers = new CopyOnWriteArrayList<>();
    private final List<MediaFrame> gop = new ArrayList<>();
    private long gopBytes;
    private boolean gopOverflowed;
    /** The metadata and every track's latest sequence header, replayed to every joining player. */
    private final DecoderSetup setup = new DecoderSetup();
    /** The timestamp of the last audio or video frame published, -1 before the first. */
    private long lastMediaTimestamp = -1;
    /** The set-up as joiners get it, at {@link #catchUpSetupAt}; kept so a crowd of joiners shares its encodings. */
    private List<MediaFrame> catchUpSetup;
    private long catchUpSetupAt = -1;
    /** Written under the hub's lock; volatile so that {@link #isEnded} (every join asks) never waits for it. */
    private volatile boolean ended;
    private long framesIn;
    private long bytesIn;
    /** Written by the fan-out only (under {@link #fanOut}), read by {@link #stats}. */
    private volatile long framesSkipped;
    private volatile long slowDisconnects;
    /**
     * Serialises the fan-out of published frames; the hub's own lock guards the cache and the subscriber list.
     * A frame is remembered and the subscribers are read under the hub's lock, then handed to them under this
     * one only, so a joining player (which needs the hub's lock to take its catch-up) never waits for the writes
     * to all the others, and a player whose write is slow holds up the publisher but not the joins.
     */
    private final Object fanOut = new Object();
    private final TrackPanel tracks = new TrackPanel();

    public StreamHub(String name, long gopCacheMaxBytes) {
        this(name, gopCacheMaxBytes, BackPressure.defaults(), System::nanoTime);
    }

    public StreamHub(String name, long gopCacheMaxBytes, BackPressure backPressure, LongSupplier nanoClock) {
        this.name = name;
        this.gopCacheMaxBytes = gopCacheMaxBytes;
        this.backPressure = backPressure;
        this.nanoClock = nanoClock;
    }

    public String name() {
        return name;
    }

    /** The stream's track panel: codecs, sizes, rates and bitrates of what the hub published, to read. */
    public TrackPanel tracks() {
        return tracks;
    }

    /** Called for every frame, on the publisher's thread, in order. */
    public void publish(MediaFrame frame) {
        List<Attached> tooSlow = null;
        synchronized (fanOut) {
            Object[] receivers;
            synchronized (this) {
                if (ended) {
                    return;
                }
                framesIn++;
                bytesIn += frame.size();
                remember(frame);
                // A player subscribing after this gets the frame from the cache, one subscribed before gets it here:
                // exactly once either way, and after its catch-up (delivered while it subscribed, under this lock).
                receivers = subscribers.toArray();
            }
            long now = nanoClock.getAsLong();
            for (Object receiver : receivers) {
                Attached attached = (Attached) receiver;
                if (!attached.offer(frame, now)) {
                    subscribers.remove(attached);
                    if (attached.tooSlow) {
                        slowDisconnects++;
                        tooSlow = tooSlow == null ? new ArrayList<>() : tooSlow;
                        tooSlow.add(attached);
                    }
                }
            }
        }
        // Outside the hub's lock: the panel has its own, and reading a sequence header must not hold up a joiner.
        describe(frame);
        if (tooSlow != null) {
            for (Attached attached : tooSlow) {
                attached.subscriber.onEnd("player stayed behind the live stream for more than "
                        + backPressure.maxLag().toSeconds() + " s");
            }
        }
    }

    /** Feeds the track panel from the parse the frame carries (every track of it); the bytes are not read again. */
    private void describe(MediaFrame frame) {
        if (frame.tag() instanceof FlvVideoTag video) {
            tracks.onVideo(video, frame.timestamp());
        } else if (frame.tag() instanceof FlvAudioTag audio) {
            tracks.onAudio(audio, frame.timestamp());
        } else if (frame.kind() == MediaFrame.Kind.VIDEO) {
            tracks.onUnreadable(TrackInfo.Type.VIDEO, frame.size());
        } else if (frame.kind() == MediaFrame.Kind.AUDIO) {
            tracks.onUnreadable(TrackInfo.Type.AUDIO, frame.size());
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
        Attached attached = new Attached(subscriber, setup.hasDefaultVideoTrack() && gop.isEmpty());
        for (MediaFrame frame : catchUpFrames()) {
            if (attached.otherTracksReady(frame) && !subscriber.onFrame(frame)) {
                return attached;
            }
        }
        subscribers.add(attached);
        return attached;
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

    public boolean isEnded() {
        return ended;
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    public synchronized HubStats stats() {
        return new HubStats(subscribers.size(), framesIn, bytesIn, framesSkipped, slowDisconnects);
    }

    /**
     * The stream's decoder set-up as of now: metadata, then every track's latest sequence header (video, then audio).
     * What any reader that starts late needs first (a player, a muxer, a recorder).
     */
    public synchronized List<MediaFrame> decoderSetup() {
        return setup.frames();
    }

    /**
     * What a player joining now receives before the live frames: the metadata, the sequence headers of every track
     * (a single-track player takes the default track's from them and skips the frames without it), the GOP.
     */
    synchronized List<MediaFrame> catchUpFrames() {
        List<MediaFrame> frames = new ArrayList<>(setupAt(gop.isEmpty() ? lastMediaTimestamp : gop.get(0).timestamp()));
        frames.addAll(gop);
        return frames;
    }

    /**
     * The set-up with its sequence headers stamped with the time of the first frame the joiner gets after them.
     * Sent at the time they were published (0, for most encoders) before a GOP an hour later, they made players
     * such as VLC see a jump. The metadata keeps its own time: FLV readers such as ffmpeg's take only an
     * {@code onMetaData} at 0 as the stream's header and turn a later one into a data track.
     */
    private List<MediaFrame> setupAt(long timestamp) {
        if (timestamp < 0) {
            return setup.frames();
        }
        if (catchUpSetup == null || catchUpSetupAt != timestamp) {
            List<MediaFrame> shifted = new ArrayList<>();
            for (MediaFrame frame : setup.frames()) {
                boolean media = frame.kind() == MediaFrame.Kind.VIDEO || frame.kind() == MediaFrame.Kind.AUDIO;
                shifted.add(!media || frame.timestamp() == timestamp ? frame : frame.at(timestamp));
            }
            catchUpSetup = List.copyOf(shifted);
            catchUpSetupAt = timestamp;
        }
        return catchUpSetup;
    }

    private void remember(MediaFrame frame) {
        if (setup.remember(frame)) {
            catchUpSetup = null;
            return;
        }
        if (frame.kind() == MediaFrame.Kind.VIDEO || frame.kind() == MediaFrame.Kind.AUDIO) {
            lastMediaTimestamp = frame.timestamp();
        }
        if (frame.kind() == MediaFrame.Kind.VIDEO && frame.keyframe()) {
            gop.clear();
            gopBytes = 0;
            gopOverflowed = false;
        }
        if (frame.kind() == MediaFrame.Kind.VIDEO || frame.kind() == MediaFrame.Kind.AUDIO) {
            cache(frame);
        }
        // data messages are live-only: cue points and the like are not replayed to late joiners
    }

    private void cache(MediaFrame frame) {
        // Only cache from a keyframe on; an overflowing GOP is dropped whole rather than cut,
        // because a GOP without its keyframe is useless to a joining player.
        if (gopOverflowed || (gop.isEmpty() && !frame.keyframe())) {
            return;
        }
        gop.add(frame);
        gopBytes += frame.size();
        if (gopBytes > gopCacheMaxBytes) {
            gop.clear();
            gopBytes = 0;
            gopOverflowed = true;
        }
    }

    /** A subscriber and where it stands: live, or skipping to the next keyframe since some time. */
    private final class Attached implements Subscription {
        private final Subscriber subscriber;
        private boolean waitingForKeyframe;
        private boolean skipping;
        private long skippingSince;
        /** Written under the hub's fan-out lock, read by anyone: never take a hub lock to read it. */
        private volatile long skipped;
        private boolean tooSlow;
        /** Multitrack subscribers only: the other video tracks that have reached a key frame for it. */
        private final Set<Integer> startedTracks;

        Attached(Subscriber subscriber, boolean waitingForKeyframe) {
            this.subscriber = subscriber;
            this.waitingForKeyframe = waitingForKeyframe;
            this.startedTracks = subscriber.multitrack() ? new HashSet<>() : null;
        }

        /**
         * Whether a frame carrying only other tracks than the default one may go to this subscriber: not before
         * each of those tracks has had a key frame, so its decoder starts on one (the cached GOP begins at the
         * default track's key frame, which need not be theirs).
         */
        boolean otherTracksReady(MediaFrame frame) {
            if (startedTracks == null || frame.multitrackBody() == null || frame.config()
                    || frame.kind() != MediaFrame.Kind.VIDEO) {
                return true;
            }
            List<TagTrack> tracks = frame.tracks();
            if (frame.messageKeyframe()) {
                tracks.forEach(track -> startedTracks.add(track.trackId()));
                return true;
            }
            // A message with the default track follows the default track's rules; one without waits for its own.
            return frame.body() != null
                    || tracks.stream().allMatch(track -> startedTracks.contains(track.trackId()));
        }

        /** Delivers or skips {@code frame}; false means detach. Runs under the hub's fan-out lock. */
        boolean offer(MediaFrame frame, long now) {
            boolean video = frame.kind() == MediaFrame.Kind.VIDEO;
            if (waitingForKeyframe && video && !frame.config()) {
                if (!frame.keyframe()) {
                    return true;
                }
                waitingForKeyframe = false;
            }
            if (!otherTracksReady(frame)) {
                return true;
            }
            if (!frame.config() && frame.kind() != MediaFrame.Kind.METADATA && !admit(frame, video, now)) {
                if (tooSlow) {
                    return false;
                }
                skipped++;
                framesSkipped++;
                return true;
            }
            return subscriber.onFrame(frame);
        }

        /** The back-pressure decision for a media frame. */
        private boolean admit(MediaFrame frame, boolean video, long now) {
            long backlog = subscriber.backlogBytes();
            if (!skipping) {
                if (backlog <= backPressure.maxBacklogBytes()) {
                    return true;
                }
                skipping = true;
                skippingSince = now;
                return false;
            }
            boolean canResume = backlog <= backPressure.maxBacklogBytes() / 2
                    && (frame.keyframe() || (!video && !setup.hasDefaultVideoTrack()));
            if (canResume) {
                skipping = false;
                return true;
            }
            if (now - skippingSince > backPressure.maxLag().toNanos()) {
                tooSlow = true;
            }
            return false;
        }

        @Override
        public void cancel() {
            subscribers.remove(this);
        }

        @Override
        public long framesSkipped() {
            return skipped;
        }
    }
}
