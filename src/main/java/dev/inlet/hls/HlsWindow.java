package dev.inlet.hls;

import dev.inlet.media.fmp4.Fmp4Muxer;
import dev.inlet.media.fmp4.Fragment;
import dev.inlet.media.fmp4.InitSegment;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The LL-HLS media playlist of one live stream (draft-pantos-hls-rfc8216bis), fed with an {@link Fmp4Muxer}'s output
 * and independent of HTTP: it keeps the last segments, renders the playlist and its delta updates, answers blocking
 * reloads and serves the init segments, segments and parts by name.
 *
 * <p><b>Segments.</b> Every {@link Fragment} is one part. A fragment starts a new segment when it is
 * {@linkplain Fragment#independent() independent} and the current segment is at least {@link Settings#segmentMs()}
 * long, so segments start at key frames and a short GOP does not make short segments; when it comes with another
 * {@link InitSegment} (a codec change), which also marks the new segment EXT-X-DISCONTINUITY; or when the current
 * segment already holds {@link Settings#maxBytes()} (a stream without key frames must not grow a segment without
 * bound; that segment then starts with a dependent part). A segment is complete when the next one starts, or at
 * {@link #end()}.
 *
 * <p><b>Window.</b> At most {@link Settings#segments()} segments (the one being written included) and at most
 * {@link Settings#maxBytes()} bytes of parts; the oldest go first, and EXT-X-DISCONTINUITY-SEQUENCE counts the
 * discontinuities that left. Parts are listed only for the segments that end within three target durations of the
 * live edge (the RFC's advice); older parts stay reachable by name while their segment is in the window, since a
 * segment's bytes are its parts' arrays anyway.
 *
 * <p><b>Durations.</b> EXT-X-TARGETDURATION starts at {@code ceil(segmentMs)} seconds and rises to the ceiling of any
 * longer complete segment, so it is never below an EXTINF; it never falls again, since the RFC forbids it to change
 * and a rise (a GOP longer than the segment length) is the lesser harm. PART-TARGET works the same way from
 * {@link Settings#partTargetMs()}, which should be the muxer's {@link Fmp4Muxer.Settings#fragmentMs()}; a rise is
 * logged.
 *
 * <p><b>Program date-time.</b> Every segment's EXT-X-PROGRAM-DATE-TIME is a {@link WallClockAnchor} plus the media
 * time since it, so the dates agree with the EXTINF durations. The anchor is the earliest instant the parts of the
 * first segment say their media was live by (a part arrives when it is over), which is right even when the muxer
 * starts from a cached GOP; it is fixed from the second segment on. A discontinuity starts a new anchor, since the
 * media time may jump there.
 *
 * <p><b>Waiting without threads.</b> {@link #reload} and {@link #resource} either answer at once or register a
 * listener that runs on the appending thread, after the lock is released, as soon as what it waits for exists (or
 * the stream ended): an async servlet completes its response from there. At most {@link Settings#maxWaiters()}
 * listeners are held; beyond that the answer is {@link Outcome#BUSY}. A listener must be quick and must not throw;
 * the caller cancels it on its own time-out.
 *
 * <p><b>Threads.</b> One thread appends (the stream's), any number read; all state is guarded by this object's lock,
 * held only for list work and rendering.
 */
public final class HlsWindow implements Fmp4Muxer.Sink {

    private static final Logger LOG = Logger.getLogger(HlsWindow.class.getName());
    /** Playlist texts kept until the next change: full and delta, per URI suffix (private viewers' tokens). */
    private static final int RENDERED_KEPT = 64;

    /**
     * @param segments     segments kept, the one being written included (the RFC wants at least three)
     * @param segmentMs    a segment is cut at the first independent fragment once it is this long
     * @param partTargetMs the longest part: the muxer's fragment length
     * @param maxBytes     the most part bytes held; the oldest segments go first
     * @param maxWaiters   the most listeners of blocked requests held
     */
    public record Settings(int segments, long segmentMs, long partTargetMs, long maxBytes, int maxWaiters) {

        public static final Settings DEFAULT = new Settings(6, 4_000, 1_000, 256L << 20, 1_000);

        public Settings {
            if (segments < 3) {
                throw new IllegalArgumentException("segments " + segments + " < 3: the RFC wants three at least");
            }
            if (segmentMs < 1 || partTargetMs < 1 || partTargetMs > segmentMs) {
                throw new IllegalArgumentException("segmentMs " + segmentMs + " and partTargetMs " + partTargetMs
                        + " must be positive and the part no longer than the segment");
            }
            if (maxBytes < 1 || maxWaiters < 0) {
                throw new IllegalArgumentException("maxBytes " + maxBytes + " and maxWaiters " + maxWaiters);
            }
        }
    }

    /** How a request is answered. */
    public enum Outcome {
        /** Answer now: render the playlist, or send the resource. */
        READY,
        /** The listener was registered and will run when it is time to look again. */
        WAITING,
        /** 400: a blocking request for something too far ahead, or malformed. */
        BAD_REQUEST,
        /** 404: no such resource (any more). */
        NOT_FOUND,
        /** 503: too many requests are waiting already. */
        BUSY
    }

    /**
     * The answer to a request.
     *
     * @param resource the bytes, when {@link Outcome#READY} for a resource
     * @param reason   why, for {@link Outcome#BAD_REQUEST} and the like (safe to log: made of numbers)
     * @param waiter   the registration, when {@link Outcome#WAITING}: cancel it on time-out
     */
    public record Answer(Outcome outcome, HlsResource resource, String reason, Waiter waiter) {

        static Answer of(Outcome outcome, String reason) {
            return new Answer(outcome, null, reason, null);
        }
    }

    /** A registered listener. */
    public final class Waiter {

        private final Condition condition;
        private final Runnable listener;

        private Waiter(Condition condition, Runnable listener) {
            this.condition = condition;
            this.listener = listener;
        }

        /** Forgets the listener (a time-out, a closed connection); true if it had not run yet. */
        public boolean cancel() {
            synchronized (HlsWindow.this) {
                return waiters.remove(this);
            }
        }
    }

    /** What a waiter waits for; evaluated under the lock. */
    private interface Condition {
        boolean met();
    }

    private final Settings settings;
    private final Clock clock;
    private final ArrayDeque<HlsSegment> segments = new ArrayDeque<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private long nextMsn;
    private long nextPart;
    private long discontinuitySequence;
    private long targetDurationS;
    private double partTargetMs;
    private long bytesHeld;
    private boolean ended;
    private WallClockAnchor anchor;

    /** The playlist texts rendered since the last change, by kind and URI suffix. */
    private final Map<String, String> rendered = new HashMap<>();

    public HlsWindow(Settings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.targetDurationS = ceilSeconds(settings.segmentMs());
        this.partTargetMs = settings.partTargetMs();
    }

    public Settings settings() {
        return settings;
    }

    /** Init segments need nothing here: every fragment names its own. */
    @Override
    public void onInitSegment(InitSegment init) {
        Objects.requireNonNull(init, "init");
    }

    @Override
    public void onFragment(Fragment fragment) {
        append(fragment);
    }

    /** Adds the next part; runs, on this thread, the listeners it satisfies. */
    public void append(Fragment fragment) {
        Objects.requireNonNull(fragment, "fragment");
        List<Waiter> due;
        synchronized (this) {
            if (ended) {
                throw new IllegalStateException("the stream ended; " + fragment + " comes too late");
            }
            HlsSegment current = segments.peekLast();
            boolean newInit = current != null && current.init != fragment.init();
            if (current == null || newInit || current.bytes >= settings.maxBytes()
                    || fragment.independent() && current.durationMs >= settings.segmentMs()) {
                if (current != null) {
                    complete(current);
                }
                if (current == null || newInit) {
                    anchor = new WallClockAnchor(clock.instant(), fragment);
                } else {
                    anchor.settle();
                }
                current = new HlsSegment(nextMsn++, fragment.init(), newInit, anchor, fragment.startMs());
                segments.addLast(current);
            } else {
                anchor.observe(clock.instant(), fragment);
            }
            if (fragment.durationMs() > partTargetMs) {
                LOG.log(Level.WARNING, "part {0} lasts {1} ms, longer than the part target {2} ms: PART-TARGET rises",
                        new Object[] {nextPart, fragment.durationMs(), partTargetMs});
                partTargetMs = fragment.durationMs();
            }
            current.add(nextPart++, fragment);
            rendered.clear();
            bytesHeld += fragment.bytes().length;
            trim();
            due = dueWaiters();
        }
        runAll(due);
    }

    /** The stream is over: the last segment is complete, the playlist gets EXT-X-ENDLIST, all waiters run. */
    public void end() {
        List<Waiter> due;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            rendered.clear();
            HlsSegment last = segments.peekLast();
            if (last != null) {
                complete(last);
            }
            due = new ArrayList<>(waiters);
            waiters.clear();
        }
        runAll(due);
    }

    public synchronized boolean ended() {
        return ended;
    }

    /** Bytes of parts held (init segments are not counted: they are a few hundred bytes each). */
    public synchronized long bytesHeld() {
        return bytesHeld;
    }

    public synchronized int segmentCount() {
        return segments.size();
    }

    /**
     * The peak bit rate of the complete segments in the window (the multivariant playlist's BANDWIDTH), or of the
     * segment being written while none is complete; 0 before the first part.
     */
    public synchronized long peakBitsPerSecond() {
        long peak = 0;
        HlsSegment fallback = null;
        for (HlsSegment segment : segments) {
            if (segment.durationMs <= 0) {
                continue;
            }
            long rate = Math.round(segment.bytes * 8_000.0 / segment.durationMs);
            if (segment.complete) {
                peak = Math.max(peak, rate);
            } else {
                fallback = segment;
            }
        }
        if (peak == 0 && fallback != null) {
            peak = Math.round(fallback.bytes * 8_000.0 / fallback.durationMs);
        }
        return peak;
    }

    public synchronized int waiterCount() {
        return waiters.size();
    }

    /**
     * Decides a playlist request (section 6.2.5.2): {@link Outcome#READY} to {@linkplain #render render} now,
     * {@link Outcome#WAITING} with {@code listener} registered, {@link Outcome#BAD_REQUEST} for a msn more than two
     * segments beyond the last or a part beyond the Advance Part Limit, {@link Outcome#BUSY}. A request without
     * {@code _HLS_msn} waits only while the window is still empty.
     */
    public Answer reload(PlaylistQuery query, Runnable listener) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(listener, "listener");
        synchronized (this) {
            if (query.part() >= 0 && query.msn() < 0) {
                return Answer.of(Outcome.BAD_REQUEST, "_HLS_part without _HLS_msn");
            }
            if (ended) {
                return Answer.of(Outcome.READY, null);
            }
            if (!query.blocking()) {
                return segments.isEmpty() ? await(() -> !segments.isEmpty(), listener) : Answer.of(Outcome.READY, null);
            }
            long lastMsn = nextMsn - 1;
            if (query.msn() > lastMsn + 2) {
                return Answer.of(Outcome.BAD_REQUEST, "_HLS_msn " + query.msn() + " is more than two segments beyond "
                        + "the last, " + lastMsn);
            }
            if (query.part() >= 0) {
                long limit = advancePartLimit();
                HlsSegment last = segments.peekLast();
                long partsAhead = query.msn() == lastMsn && last != null
                        ? query.part() - last.lastPartIndex() : query.msn() > lastMsn ? query.part() + 1 : 0;
                if (partsAhead > limit) {
                    return Answer.of(Outcome.BAD_REQUEST, "_HLS_part " + query.part() + " of _HLS_msn " + query.msn()
                            + " is more than " + limit + " parts beyond the last");
                }
            }
            long msn = query.msn();
            long part = query.part();
            Condition condition = part >= 0 ? () -> hasPart(msn, part) : () -> hasCompleteSegment(msn);
            return condition.met() ? Answer.of(Outcome.READY, null) : await(condition, listener);
        }
    }

    /**
     * The resource of a URI name ({@link HlsNames}): {@link Outcome#READY} with its bytes, {@link Outcome#WAITING}
     * for the next part (the preload hint) or the segment being written, with {@code listener} registered (when null,
     * nothing is registered and the answer is WAITING without a waiter), else {@link Outcome#NOT_FOUND}.
     */
    public Answer resource(String name, Runnable listener) {
        HlsNames.Name parsed = HlsNames.parse(Objects.requireNonNull(name, "name"));
        if (parsed == null) {
            return Answer.of(Outcome.NOT_FOUND, "no such name");
        }
        synchronized (this) {
            HlsResource found = find(parsed);
            if (found != null) {
                return new Answer(Outcome.READY, found, null, null);
            }
            if (ended) {
                return Answer.of(Outcome.NOT_FOUND, "not in the window");
            }
            long number = parsed.number();
            Condition condition;
            if (parsed.kind() == HlsNames.Kind.PART && number == nextPart) {
                condition = () -> nextPart > number;
            } else if (parsed.kind() == HlsNames.Kind.SEGMENT && number == nextMsn - 1) {
                condition = () -> hasCompleteSegment(number);
            } else {
                return Answer.of(Outcome.NOT_FOUND, "not in the window");
            }
            return listener == null ? Answer.of(Outcome.WAITING, null) : await(condition, listener);
        }
    }

    /**
     * The media playlist, a delta update if {@code query} asks to skip and there is something to skip. Every URI gets
     * {@code uriSuffix} appended (a query such as {@code ?token=...}, or empty); it must start with {@code ?} and
     * hold only URI query characters.
     */
    public synchronized String render(PlaylistQuery query, String uriSuffix) {
        // Every viewer of a stream asks for the same few texts between two parts: render each once.
        String key = (query.skip() ? "delta" : "full") + uriSuffix;
        String text = rendered.get(key);
        if (text == null) {
            text = new MediaPlaylistWriter(this, uriSuffix).write(query.skip());
            if (rendered.size() >= RENDERED_KEPT) {
                rendered.clear();
            }
            rendered.put(key, text);
        }
        return text;
    }

    // --- for MediaPlaylistWriter, under the lock

    List<HlsSegment> segmentsLocked() {
        return List.copyOf(segments);
    }

    long targetDurationLocked() {
        return targetDurationS;
    }

    double partTargetMsLocked() {
        return partTargetMs;
    }

    long discontinuitySequenceLocked() {
        return discontinuitySequence;
    }

    long nextPartLocked() {
        return nextPart;
    }

    boolean endedLocked() {
        return ended;
    }

    // --- internals, under the lock

    private void complete(HlsSegment segment) {
        if (segment.complete) {
            return;
        }
        segment.complete = true;
        long seconds = ceilSeconds(Math.ceil(segment.durationMs));
        if (seconds > targetDurationS) {
            LOG.log(Level.WARNING, "segment {0} lasts {1} ms, EXT-X-TARGETDURATION rises from {2} to {3} s: a key "
                    + "frame interval longer than the segment length?",
                    new Object[] {segment.msn, segment.durationMs, targetDurationS, seconds});
            targetDurationS = seconds;
        }
    }

    private void trim() {
        while (segments.size() > settings.segments() || bytesHeld > settings.maxBytes() && segments.size() > 1) {
            HlsSegment oldest = segments.removeFirst();
            bytesHeld -= oldest.bytes;
            if (oldest.discontinuity) {
                discontinuitySequence++;
            }
        }
    }

    private boolean hasPart(long msn, long part) {
        HlsSegment last = segments.peekLast();
        return last != null && (last.msn > msn || last.msn == msn && last.lastPartIndex() >= part);
    }

    private boolean hasCompleteSegment(long msn) {
        HlsSegment last = segments.peekLast();
        if (last == null) {
            return false;
        }
        long lastComplete = last.complete ? last.msn : last.msn - 1;
        return lastComplete >= msn;
    }

    /** Section 6.2.5.2: three parts, or three seconds' worth when parts are shorter than a second. */
    private long advancePartLimit() {
        return partTargetMs < 1_000 ? (long) Math.floor(3_000 / partTargetMs) : 3;
    }

    private Answer await(Condition condition, Runnable listener) {
        if (waiters.size() >= settings.maxWaiters()) {
            return Answer.of(Outcome.BUSY, settings.maxWaiters() + " requests wait already");
        }
        Waiter waiter = new Waiter(condition, listener);
        waiters.add(waiter);
        return new Answer(Outcome.WAITING, null, null, waiter);
    }

    private List<Waiter> dueWaiters() {
        List<Waiter> due = new ArrayList<>();
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter waiter = it.next();
            if (waiter.condition.met()) {
                due.add(waiter);
                it.remove();
            }
        }
        return due;
    }

    private static void runAll(List<Waiter> due) {
        for (Waiter waiter : due) {
            try {
                waiter.listener.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a playlist listener failed; the stream goes on", e);
            }
        }
    }

    private HlsResource find(HlsNames.Name name) {
        long number = name.number();
        for (Iterator<HlsSegment> it = segments.descendingIterator(); it.hasNext(); ) {
            HlsSegment segment = it.next();
            switch (name.kind()) {
                case INIT:
                    if (segment.init.version() == number) {
                        return new HlsResource(HlsResource.INIT_TYPE, List.of(segment.init.bytes()));
                    }
                    break;
                case SEGMENT:
                    if (segment.msn == number) {
                        return segment.complete ? segment.resource() : null;
                    }
                    break;
                default:
                    // part numbers run on without gaps, so a segment's parts are found by subtraction
                    if (!segment.parts.isEmpty() && number >= segment.parts.get(0).number()) {
                        long index = number - segment.parts.get(0).number();
                        if (index >= segment.parts.size()) {
                            return null;
                        }
                        HlsSegment.Part part = segment.parts.get((int) index);
                        return new HlsResource(HlsResource.SEGMENT_TYPE, List.of(part.fragment().bytes()));
                    }
            }
        }
        return null;
    }

    private static long ceilSeconds(double ms) {
        return (long) Math.ceil(ms / 1_000);
    }
}
