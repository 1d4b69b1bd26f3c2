package dev.inlet.ingest.srt;

import dev.inlet.core.StreamCore;
import dev.inlet.rtmp.transport.ConnectionAdmission;
import dev.inlet.srt.SrtAdmission;
import dev.inlet.srt.SrtException;
import dev.inlet.srt.SrtLibrary;
import dev.inlet.srt.SrtListener;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * SRT beside the RTMP server, on the same stream core: a listener on one UDP port whose callers publish like RTMP
 * encoders ({@link SrtPublishAdmission}) or play like RTMP players, as MPEG-TS ({@link SrtReadAdmission}). Plain
 * Java; the container's {@code RtmpServerBean} starts it after the RTMP server and stops it before. A machine
 * without libsrt is a supported configuration: {@link #start} then says why once and leaves SRT off, and RTMP is
 * unaffected.
 */
public final class SrtServer {

    private static final Logger LOG = Logger.getLogger(SrtServer.class.getName());
    /**
     * How long libsrt's receiver thread waits for the core's answer (registry, authorisers) in a handshake: under
     * the callers' own connect timeout (3 s in libsrt, ffmpeg and OBS), so that a late answer still reaches them as
     * a reject reason (1503) rather than as their timeout.
     */
    static final Duration ADMISSION_BOUND = Duration.ofSeconds(2);

    private final SrtSettings settings;
    private final StreamCore core;
    private final ThreadFactory threadFactory;
    /** The RTMP server's connection limits, or null for none beyond the SRT listener's own. */
    private final ConnectionAdmission sharedLimits;
    /**
     * Counts a connection Inlet refused or closed, by reason ({@code too_many_connections}, {@code slow_peer}): the
     * RTMP server's {@code countClose}, so SRT callers are counted with the RTMP and HTTP-FLV ones.
     */
    private final Consumer<String> closeCounter;
    private SrtListener listener;
    private ScheduledExecutorService timers;
    private String unavailable = "not started";

    public SrtServer(SrtSettings settings, StreamCore core, ThreadFactory threadFactory) {
        this(settings, core, threadFactory, null, reason -> { });
    }

    /**
     * An SRT server whose callers count against {@code sharedLimits} as well (the RTMP server's; null for none), and
     * whose refusals and closes are counted through {@code closeCounter} under their close reason.
     */
    public SrtServer(SrtSettings settings, StreamCore core, ThreadFactory threadFactory,
                     ConnectionAdmission sharedLimits, Consumer<String> closeCounter) {
        this.settings = settings;
        this.core = core;
        this.threadFactory = threadFactory;
        this.sharedLimits = sharedLimits;
        this.closeCounter = closeCounter;
    }

    /**
     * Binds the SRT port when SRT is enabled and libsrt is present; otherwise logs why not and returns false.
     *
     * @throws IllegalStateException when the port cannot be bound (like RTMP, a configuration error)
     */
    public synchronized boolean start() {
        if (listener != null) {
            return true;
        }
        if (!settings.enabled()) {
            unavailable = "disabled (inlet.srt.enabled=false)";
            LOG.info("SRT ingest is " + unavailable);
            return false;
        }
        SrtLibrary.Status library = SrtLibrary.load();
        if (!library.available()) {
            unavailable = library.description();
            LOG.warning("SRT ingest is off, RTMP is unaffected: " + unavailable);
            return false;
        }
        ScheduledExecutorService created = Executors.newSingleThreadScheduledExecutor(threadFactory);
        SrtAdmission admission = new SrtCallerAdmission(new SrtPublishAdmission(core, ADMISSION_BOUND),
                new SrtReadAdmission(core, created, ADMISSION_BOUND, () -> closeCounter.accept(SrtReader.SLOW_PEER)));
        SharedConnectionLimit limited = sharedLimits == null ? null
                : new SharedConnectionLimit(sharedLimits, closeCounter, admission);
        SrtListener started = new SrtListener(library.require(), settings.listenerSettings(),
                limited == null ? admission : limited, threadFactory);
        try {
            started.start();
        } catch (SrtException | RuntimeException e) {
            created.shutdownNow();
            throw new IllegalStateException("cannot listen for SRT on " + settings.host() + ":" + settings.port()
                    + " (is another server using the port?)", e);
        }
        listener = started;
        timers = created;
        unavailable = null;
        LOG.log(Level.INFO, "SRT over {0}: publish to srt://<host>:{1,number,#}?streamid=publish:<key>, play "
                        + "srt://<host>:{1,number,#}?streamid=read:<stream>",
                new Object[]{library.description(), started.port()});
        return true;
    }

    /** Closes every SRT connection (their publishes and readers end) and the port. Idempotent. */
    public synchronized void stop() {
        if (listener == null) {
            return;
        }
        listener.stop();
        listener = null;
        timers.shutdownNow();
        timers = null;
        unavailable = "stopped";
    }

    public synchronized boolean isRunning() {
        return listener != null;
    }

    /** The bound UDP port, or -1 when SRT is not running. */
    public synchronized int port() {
        return listener == null ? -1 : listener.port();
    }

    /** Why SRT is not running (for health details), or empty when it is. */
    public synchronized java.util.Optional<String> unavailableReason() {
        return java.util.Optional.ofNullable(unavailable);
    }

    /** SRT connections open now. */
    public synchronized int openConnections() {
        return listener == null ? 0 : listener.connectionCount();
    }
}
