package dev.inlet.recording;

import dev.inlet.core.StreamCore;
import dev.inlet.core.StreamNotFoundException;
import dev.inlet.media.MediaFormatException;
import dev.inlet.text.LogText;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The node's recordings (issue 15): starts a {@link Recorder} for every stream that goes live with recording enabled,
 * finalises each into a progressive MP4 when its publish ends, recovers what a crash left unfinished, enforces
 * retention, and keeps the catalog. Catalog work, finalisation, events and retention run on one housekeeping thread;
 * disk writes on the {@link DiskWriter}'s; nothing here runs on an ingest thread except the recorders' muxing.
 */
public final class Recordings implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Recordings.class.getName());

    /** Why recordings failed, counted by reason ({@code disk_slow}, {@code write_error}, {@code muxer}). */
    public record Failures(long diskSlow, long writeError, long other) {
    }

    private final StreamCore core;
    private final RecordingCatalog catalog;
    private final RecordingSettings settings;
    private final RecordingListener listener;
    private final Clock clock;
    private final RecordingFiles files;
    private final DiskWriter writer;
    private final ScheduledExecutorService housekeeping;
    private final Map<String, Active> active = new ConcurrentHashMap<>();
    private final AtomicLong diskSlow = new AtomicLong();
    private final AtomicLong writeErrors = new AtomicLong();
    private final AtomicLong otherFailures = new AtomicLong();
    private final AtomicLong deletedByRetention = new AtomicLong();
    private volatile boolean closed;

    private record Active(Recorder recorder, AutoCloseable feed) {
    }

    public Recordings(StreamCore core, RecordingCatalog catalog, RecordingSettings settings, RecordingListener listener,
                      Clock clock, ThreadFactory threads) {
        this(core, catalog, settings, listener, clock, threads, DiskWriter.Opener.FILES);
    }

    Recordings(StreamCore core, RecordingCatalog catalog, RecordingSettings settings, RecordingListener listener,
               Clock clock, ThreadFactory threads, DiskWriter.Opener opener) {
        this.core = core;
        this.catalog = catalog;
        this.settings = settings;
        this.listener = listener;
        this.clock = clock;
        this.files = new RecordingFiles(settings.directory());
        this.writer = new DiskWriter(opener, settings.maxQueuedBytesPerRecording(), settings.maxQueuedBytesTotal(), threads);
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = threads.newThread(runnable);
            thread.setName("inlet-recordings");
            return thread;
        });
    }

    /**
     * Recovers this node's unfinished recordings (in the background: a long file does not hold up the start), then
     * records every stream that goes live from now on and runs retention periodically.
     */
    public void start() {
        start(true);
    }

    /**
     * As {@link #start()}; with {@code scheduleRetention} false the caller schedules retention instead (a
     * container-managed scheduled executor calling {@link #requestRetention()}).
     */
    public void start(boolean scheduleRetention) {
        submit(this::recoverSafely);
        // One node records a stream at a time: the one whose own publisher feeds its players. A node whose players
        // move to a pull of another node's better input ends its recording there; that node records.
        core.addActiveSourceObserver((stream, local) -> submit(() -> {
            if (local) {
                recordIfEnabled(stream);
            } else {
                Active current = active.get(stream);
                if (current != null) {
                    current.recorder().end("the stream's players are fed from another node now, which records it");
                }
            }
        }));
        for (var live : core.liveStreams()) {
            submit(() -> recordIfEnabled(live.streamCode()));
        }
        if (scheduleRetention) {
            long period = settings.retentionPeriod().toMillis();
            housekeeping.scheduleWithFixedDelay(this::retentionSafely, period, period, TimeUnit.MILLISECONDS);
        }
    }

    /** Runs retention on the housekeeping thread (with the catalog work and finalisations, never beside them). */
    public void requestRetention() {
        submit(this::retentionSafely);
    }

    public RecordingSettings settings() {
        return settings;
    }

    // ---- the API's side ----

    public List<RecordingInfo> list(String stream, Instant from, Instant to) {
        return catalog.list(stream, from, to);
    }

    public Optional<RecordingInfo> find(String id) {
        return catalog.find(id);
    }

    /** The stream's policy as it applies now: its own, or the server's default. */
    public RecordingPolicy policy(String stream) throws StreamNotFoundException {
        return catalog.policy(stream).orElse(new RecordingPolicy(settings.recordByDefault(), null));
    }

    /**
     * Sets the stream's policy. Turning recording on while the stream is live starts a recording now (from the
     * current GOP); turning it off ends the current one (finalised as usual).
     */
    public RecordingPolicy setPolicy(String stream, RecordingPolicy policy) throws StreamNotFoundException {
        catalog.setPolicy(stream, policy);
        submit(() -> {
            if (policy.enabled()) {
                recordIfEnabled(stream);
            } else {
                Active current = active.get(stream);
                if (current != null) {
                    current.recorder().end("recording turned off");
                }
            }
        });
        return policy;
    }

    /** Whether the stream is being recorded now. */
    public boolean isRecording(String stream) {
        return active.containsKey(stream);
    }

    /** A finished recording's file on this node; empty while it is being written or when it is not here. */
    public Optional<Path> file(RecordingInfo recording) {
        if (!recording.state().isFinal() || !settings.nodeId().equals(recording.node())) {
            return Optional.empty();
        }
        Path path = files.resolve(recording.file());
        if (Files.isRegularFile(path)) {
            return Optional.of(path);
        }
        Path part = files.partOf(recording.file());
        return Files.isRegularFile(part) ? Optional.of(part) : Optional.empty(); // a failure that could not be finalised
    }

    /** Deletes a finished recording, file and row; false if there is no such recording. */
    public boolean delete(String id, String why) throws IOException {
        Optional<RecordingInfo> recording = catalog.find(id);
        if (recording.isEmpty()) {
            return false;
        }
        if (!recording.get().state().isFinal()) {
            throw new IllegalStateException("recording " + id + " is still being written; stop it first");
        }
        remove(recording.get(), why);
        return true;
    }

    public Failures failures() {
        return new Failures(diskSlow.get(), writeErrors.get(), otherFailures.get());
    }

    public long deletedByRetention() {
        return deletedByRetention.get();
    }

    public int activeCount() {
        return active.size();
    }

    public long queuedBytes() {
        return writer.queuedBytes();
    }

    // ---- recording ----

    private void recordIfEnabled(String stream) {
        if (closed || active.containsKey(stream) || !core.isFedFromHere(stream)) {
            return;
        }
        RecordingPolicy policy;
        try {
            policy = policy(stream);
        } catch (StreamNotFoundException e) {
            return; // a stream without a catalog entry (the engine's tests)
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot read the recording policy of " + LogText.of(stream) + "; not recording it", e);
            return;
        }
        if (policy.enabled()) {
            startRecording(stream);
        }
    }

    private void startRecording(String stream) {
        Instant now = clock.instant();
        String id = UUID.randomUUID().toString();
        String file = RecordingFiles.fileFor(stream, now, id);
        RecordingInfo recording = new RecordingInfo(id, stream, settings.nodeId(), RecordingState.RECORDING, now, null,
                0, 0, "", 0, 0, file, null);
        try {
            Files.createDirectories(files.partOf(file).getParent());
        } catch (IOException e) {
            otherFailures.incrementAndGet();
            LOG.log(Level.WARNING, "cannot record " + LogText.of(stream) + ": " + e.getMessage(), e);
            return;
        }
        catalog.add(recording);
        Recorder[] self = new Recorder[1];
        DiskWriter.Target target = new DiskWriter.Target(files.partOf(file), e -> self[0].diskFailed(e));
        Recorder recorder = new Recorder(recording, writer, target, settings.fragmentMs(),
                reason -> submit(() -> failed(self[0], reason)),
                reason -> submit(() -> closedAfterFailure(self[0], reason)),
                reason -> submit(() -> ended(self[0], reason)));
        self[0] = recorder;
        AutoCloseable feed;
        try {
            feed = core.attachServerReader(stream, recorder.info(), recorder);
        } catch (StreamNotFoundException e) {
            catalog.remove(id); // it ended in the meantime
            return;
        } catch (IOException | RuntimeException e) {
            catalog.remove(id);
            LOG.log(Level.WARNING, "cannot attach the recorder of " + LogText.of(stream), e);
            return;
        }
        active.put(stream, new Active(recorder, feed));
        LOG.log(Level.INFO, "recording {0} into {1}", new Object[]{LogText.of(stream), file});
        notify(l -> l.started(recording));
    }

    /** The recorder's file is closed after a normal end: finalise it. */
    private void ended(Recorder recorder, String reason) {
        detach(recorder);
        RecordingInfo recording = recorder.recording();
        if (!recorder.wroteMedia()) {
            // a publish without a key frame: nothing to keep
            catalog.remove(recording.id());
            deleteQuietly(recording.file());
            LOG.log(Level.INFO, "recording of {0} ended without media ({1}); nothing kept",
                    new Object[]{LogText.of(recording.stream()), reason});
            return;
        }
        finish(recording, RecordingState.FINISHED, null);
    }

    /** At once, while the disk may still hold the file: counted, logged, told, and the stream goes on. */
    private void failed(Recorder recorder, String reason) {
        detach(recorder);
        RecordingInfo recording = recorder.recording();
        (reason.startsWith("the disk does not keep up") ? diskSlow : reason.startsWith("writing") ? writeErrors : otherFailures)
                .incrementAndGet();
        LOG.log(Level.WARNING, "recording of {0} failed: {1}; the live stream goes on",
                new Object[]{LogText.of(recording.stream()), reason});
        RecordingInfo stored = recording.ended(RecordingState.FAILED, clock.instant(), 0,
                recorder.bytesSent(), "", 0, 0, recording.file(), reason);
        catalog.update(stored);
        notify(l -> l.failed(stored, reason));
    }

    /** What the failed recording wrote is kept: finalised if the disk allows, else as its fragments. */
    private void closedAfterFailure(Recorder recorder, String reason) {
        RecordingInfo recording = catalog.find(recorder.recording().id()).orElse(null);
        if (recording == null) {
            return; // deleted in the meantime
        }
        try {
            RecordingFiles.Finalised done = files.finalise(recording.file());
            Files.deleteIfExists(files.partOf(recording.file()));
            catalog.update(recording.ended(RecordingState.FAILED, recording.ended(), done.durationMs(), done.bytes(),
                    done.codecs(), done.width(), done.height(), recording.file(), reason));
        } catch (IOException | RuntimeException e) {
            // the full disk may refuse the final file too: the fragments stay, a player reads them as they are
            LOG.log(Level.FINE, "the failed recording " + recording.file() + " stays fragmented: " + e, e);
            catalog.update(recording.ended(RecordingState.FAILED, recording.ended(), 0,
                    sizeOf(files.partOf(recording.file())), "", 0, 0, recording.file(), reason));
        }
    }

    private void finish(RecordingInfo recording, RecordingState state, String note) {
        try {
            RecordingFiles.Finalised done = files.finalise(recording.file());
            String reason = note;
            if (state == RecordingState.RECOVERED && done.truncatedBytes() > 0) {
                reason = (note == null ? "" : note + "; ") + "the last " + done.truncatedBytes()
                        + " bytes (an unfinished fragment) were left out";
            }
            RecordingInfo stored = recording.ended(state, recording.ended() != null ? recording.ended() : clock.instant(),
                    done.durationMs(), done.bytes(), done.codecs(), done.width(), done.height(), recording.file(), reason);
            catalog.update(stored);
            Files.deleteIfExists(files.partOf(recording.file())); // only now: a crash before this finalises again
            LOG.log(Level.INFO, "recording of {0} {1}: {2}, {3} ms, {4} bytes", new Object[]{
                    LogText.of(recording.stream()), state.name().toLowerCase(java.util.Locale.ROOT), recording.file(),
                    done.durationMs(), done.bytes()});
            notify(l -> l.finished(stored));
        } catch (IOException | RuntimeException e) {
            otherFailures.incrementAndGet();
            String reason = "finalising failed: " + e.getMessage();
            LOG.log(Level.WARNING, "recording of " + LogText.of(recording.stream()) + ": " + reason
                    + "; the fragmented file is kept", e);
            RecordingInfo stored = recording.ended(RecordingState.FAILED, clock.instant(), 0,
                    sizeOf(files.partOf(recording.file())), "", 0, 0, recording.file(), reason);
            catalog.update(stored);
            notify(l -> l.failed(stored, reason));
        }
    }

    private void detach(Recorder recorder) {
        String stream = recorder.recording().stream();
        Active current = active.get(stream);
        if (current != null && current.recorder() == recorder) {
            active.remove(stream, current);
            try {
                current.feed().close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "closing the recorder's feed failed", e);
            }
        }
    }

    // ---- recovery and retention ----

    private void recoverSafely() {
        try {
            recover();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "recovering unfinished recordings failed", e);
        }
    }

    /** Finalises what this node's last life left recording: a crash, a kill, a power cut. */
    void recover() {
        for (RecordingInfo recording : catalog.unfinished(settings.nodeId())) {
            Path part = files.partOf(recording.file());
            if (!Files.isRegularFile(part)) {
                String reason = "left unfinished and its file is gone";
                RecordingInfo stored = recording.ended(RecordingState.FAILED, clock.instant(), 0, 0, "", 0, 0,
                        recording.file(), reason);
                catalog.update(stored);
                notify(l -> l.failed(stored, reason));
                continue;
            }
            LOG.log(Level.INFO, "recovering the unfinished recording {0} of {1}",
                    new Object[]{recording.file(), LogText.of(recording.stream())});
            Instant lastWrite;
            try {
                lastWrite = Files.getLastModifiedTime(part).toInstant();
            } catch (IOException e) {
                lastWrite = clock.instant();
            }
            finish(recording.ended(RecordingState.RECORDING, lastWrite, 0, 0, "", 0, 0, recording.file(), null),
                    RecordingState.RECOVERED, "recovered after the node stopped while recording");
        }
    }

    private void retentionSafely() {
        try {
            enforceRetention();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "recording retention failed; retried in " + settings.retentionPeriod(), e);
        }
    }

    /** Deletes this node's finished recordings that their stream's retention (or the default) no longer keeps. */
    public void enforceRetention() {
        Map<String, List<RecordingInfo>> byStream = new LinkedHashMap<>();
        for (RecordingInfo recording : catalog.list(null, null, null)) { // newest first
            if (recording.state().isFinal() && settings.nodeId().equals(recording.node())) {
                byStream.computeIfAbsent(recording.stream(), s -> new ArrayList<>()).add(recording);
            }
        }
        Instant now = clock.instant();
        for (var entry : byStream.entrySet()) {
            Retention retention = retentionOf(entry.getKey());
            long kept = 0;
            for (RecordingInfo recording : entry.getValue()) {
                Instant end = recording.ended() != null ? recording.ended() : recording.started();
                Optional<Duration> maxAge = retention.age();
                if (maxAge.isPresent() && end.isBefore(now.minus(maxAge.get()))) {
                    removeByRetention(recording, "older than " + maxAge.get());
                } else if (retention.maxBytes() > 0 && kept + recording.bytes() > retention.maxBytes()) {
                    removeByRetention(recording, "the stream's recordings would exceed " + retention.maxBytes() + " bytes");
                } else {
                    kept += recording.bytes();
                }
            }
        }
    }

    private Retention retentionOf(String stream) {
        try {
            return catalog.policy(stream).map(RecordingPolicy::retention).filter(r -> r != null)
                    .orElse(settings.defaultRetention());
        } catch (StreamNotFoundException e) {
            return settings.defaultRetention(); // the stream was deleted; its recordings age out by the default
        }
    }

    private void removeByRetention(RecordingInfo recording, String why) {
        remove(recording, "retention: " + why);
        deletedByRetention.incrementAndGet();
    }

    private void remove(RecordingInfo recording, String why) {
        if (settings.nodeId().equals(recording.node())) {
            deleteQuietly(recording.file());
        }
        catalog.remove(recording.id());
        LOG.log(Level.INFO, "recording {0} of {1} deleted: {2}",
                new Object[]{recording.file(), LogText.of(recording.stream()), why});
        notify(l -> l.deleted(recording, why));
    }

    private void deleteQuietly(String file) {
        try {
            files.delete(file);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot delete recording file " + file + ": " + e.getMessage(), e);
        }
    }

    private static long sizeOf(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            return 0; // gone (or unreadable): nothing of it to count
        }
    }

    private void notify(java.util.function.Consumer<RecordingListener> call) {
        try {
            call.accept(listener);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a recording listener failed", e);
        }
    }

    private void submit(Runnable work) {
        if (housekeeping.isShutdown()) {
            return;
        }
        try {
            housekeeping.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "recording housekeeping failed", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.log(Level.FINE, "recordings are stopping", e);
        }
    }

    /** Runs {@code work} on the housekeeping thread and waits for it: for tests and shutdown. */
    void await(Runnable work) throws Exception {
        housekeeping.submit(work).get(30, TimeUnit.SECONDS);
    }

    /**
     * Ends every recording (each is finalised), then stops the writer and the housekeeping thread, both joined. A
     * recording whose finalisation does not finish in time is recovered at the next start.
     */
    @Override
    public void close() {
        closed = true;
        for (Active current : List.copyOf(active.values())) {
            current.recorder().end("server stopping");
        }
        writer.close(); // closes the files, queueing their finalisation
        housekeeping.shutdown();
        try {
            if (!housekeeping.awaitTermination(60, TimeUnit.SECONDS)) {
                LOG.warning("recording finalisation did not finish within 60 s; recovered at the next start");
                housekeeping.shutdownNow();
                housekeeping.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
