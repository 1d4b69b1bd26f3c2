package dev.inlet.srt;

import com.sun.jna.CallbackThreadInitializer;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.ptr.IntByReference;
import dev.inlet.text.LogText;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An SRT listener on one UDP port: callers are admitted or rejected during their handshake by an
 * {@link SrtAdmission}, and every accepted connection's messages go to the {@link SrtConnection.Listener} that the
 * admission's verdict supplies.
 *
 * <p>One thread (from the given factory) waits on a libsrt epoll for the listening socket and all connections,
 * accepts, reads, and runs every connection listener. {@link #stop} ends that thread, which closes every
 * connection, the listening socket and the epoll and releases its libsrt reference, so the port is free again and a
 * redeployed application can bind it at once.
 */
public final class SrtListener {

    private static final Logger LOG = Logger.getLogger(SrtListener.class.getName());

    /** Bounds how long {@link #stop} waits for the thread to notice. */
    private static final long POLL_MILLIS = 100;
    private static final int EVENTS_PER_WAIT = 64;
    /** Fairness: a busy connection yields to the others after this many messages (epoll reports it again). */
    private static final int MESSAGES_PER_TURN = 64;
    private static final long STOP_JOIN_MILLIS = 5_000;
    private static final long ADMISSION_TTL_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** How often admitted-but-not-accepted handshakes are checked for having failed. */
    private static final long PENDING_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** An admitted caller whose handshake is complete but whose accept the epoll has not reported for this long. */
    private static final long ACCEPT_OVERDUE_NANOS = TimeUnit.MILLISECONDS.toNanos(300);
    /**
     * How often open connections are checked for a socket libsrt has broken. A caller that closes between its
     * handshake and the accept leaves a socket that is broken before it is watched, and the epoll may never
     * report it: without the check its connection (and its slot in the address limit) stayed.
     */
    private static final long BROKEN_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final LibSrt srt;
    private final SrtListenerSettings settings;
    private final ThreadFactory threadFactory;
    private final Map<Integer, SrtConnection> connections = new ConcurrentHashMap<>();
    private final Queue<SrtConnection> closedByInlet = new ConcurrentLinkedQueue<>();
    private final PendingAdmissions pending = new PendingAdmissions(ADMISSION_TTL_NANOS);
    /** Held for the listener's whole life: libsrt keeps only the native pointer, and JNA frees an unreachable one. */
    private final HandshakeHook hook;

    private volatile boolean running;
    private Thread thread;
    private int listenSocket = LibSrt.SRT_INVALID_SOCK;
    private int epoll = -1;
    private int boundPort = -1;

    public SrtListener(LibSrt srt, SrtListenerSettings settings, SrtAdmission admission,
                       ThreadFactory threadFactory) {
        this.srt = srt;
        this.settings = settings;
        this.threadFactory = threadFactory;
        this.hook = new HandshakeHook(srt, admission, pending,
                () -> connections.size() + pending.size() >= settings.maxConnections(), () -> running);
        Native.setCallbackThreadInitializer(hook, new CallbackThreadInitializer(true, true, "inlet-srt-handshake"));
    }

    /** Binds and starts accepting; does nothing if already started. */
    public synchronized void start() throws SrtException {
        if (thread != null) {
            return;
        }
        if (srt.srt_startup() < 0) {
            throw SrtException.lastError(srt, "srt_startup");
        }
        try {
            listenSocket = srt.srt_create_socket();
            if (listenSocket == LibSrt.SRT_INVALID_SOCK) {
                throw SrtException.lastError(srt, "srt_create_socket");
            }
            configure(new SocketOptions(srt, listenSocket));
            byte[] address = SockAddr.encode(settings.bindAddress());
            if (srt.srt_bind(listenSocket, address, address.length) == LibSrt.SRT_ERROR) {
                throw SrtException.lastError(srt, "binding SRT to " + settings.bindAddress());
            }
            boundPort = localPort();
            if (srt.srt_listen_callback(listenSocket, hook, null) == LibSrt.SRT_ERROR) {
                throw SrtException.lastError(srt, "srt_listen_callback");
            }
            if (srt.srt_listen(listenSocket, settings.backlog()) == LibSrt.SRT_ERROR) {
                throw SrtException.lastError(srt, "srt_listen");
            }
            epoll = srt.srt_epoll_create();
            if (epoll < 0) {
                throw SrtException.lastError(srt, "srt_epoll_create");
            }
            watch(listenSocket);
            running = true;
            thread = threadFactory.newThread(this::run);
            thread.setName("inlet-srt-" + boundPort);
            thread.start();
        } catch (SrtException | RuntimeException e) {
            running = false;
            thread = null;
            releaseNative();
            throw e;
        }
        LOG.log(Level.INFO, "SRT listening on {0}:{1,number,#}",
                new Object[]{settings.bindAddress().getAddress().getHostAddress(), boundPort});
    }

    /** Closes every connection and the port, and waits (bounded) for the listener thread to end. */
    public synchronized void stop() {
        Thread running = thread;
        if (running == null) {
            return;
        }
        this.running = false;
        try {
            running.join(STOP_JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (running.isAlive()) {
            LOG.warning("SRT listener thread still running " + STOP_JOIN_MILLIS
                    + " ms after stop (a connection listener blocks); the port is released when it ends");
        }
        thread = null;
        LOG.info("SRT listener stopped");
    }

    /** The UDP port bound (useful with port 0), or -1 when stopped. */
    public synchronized int port() {
        return thread == null ? -1 : boundPort;
    }

    public int connectionCount() {
        return connections.size();
    }

    /** Handshakes rejected since start, for any reason. */
    public long rejectedHandshakes() {
        return hook.rejectedCount();
    }

    private void configure(SocketOptions options) throws SrtException {
        // Transmission type first: it resets the options it governs to the live-mode defaults.
        options.setInt(LibSrt.SRTO_TRANSTYPE, "SRTO_TRANSTYPE", LibSrt.SRTT_LIVE)
                .setBoolean(LibSrt.SRTO_RCVSYN, "SRTO_RCVSYN", false)
                .setBoolean(LibSrt.SRTO_SNDSYN, "SRTO_SNDSYN", false)
                .setInt(LibSrt.SRTO_RCVLATENCY, "SRTO_RCVLATENCY", settings.latencyMillis())
                .setInt(LibSrt.SRTO_PEERLATENCY, "SRTO_PEERLATENCY", settings.latencyMillis())
                .setInt(LibSrt.SRTO_PEERIDLETIMEO, "SRTO_PEERIDLETIMEO",
                        (int) Math.min(Integer.MAX_VALUE, settings.peerIdleTimeout().toMillis()));
        if (settings.keyLengthBytes() != 0) {
            options.setInt(LibSrt.SRTO_PBKEYLEN, "SRTO_PBKEYLEN", settings.keyLengthBytes());
        }
        if (settings.maxBandwidthBytesPerSecond() > 0) {
            options.setLong(LibSrt.SRTO_MAXBW, "SRTO_MAXBW", settings.maxBandwidthBytesPerSecond());
        }
        if (settings.passphrase().isPresent()) {
            options.setString(LibSrt.SRTO_PASSPHRASE, "SRTO_PASSPHRASE", settings.passphrase().get());
        }
        if (settings.bindAddress().getAddress() instanceof Inet6Address
                && settings.bindAddress().getAddress().isAnyLocalAddress()) {
            // libsrt refuses to bind the IPv6 wildcard until told whether it also takes IPv4: it does.
            options.setBoolean(LibSrt.SRTO_IPV6ONLY, "SRTO_IPV6ONLY", false);
        }
    }

    private int localPort() throws SrtException {
        byte[] address = new byte[SockAddr.MAX_LENGTH];
        IntByReference length = new IntByReference(address.length);
        if (srt.srt_getsockname(listenSocket, address, length) == LibSrt.SRT_ERROR) {
            throw SrtException.lastError(srt, "srt_getsockname");
        }
        return SockAddr.decode(address).map(InetSocketAddress::getPort)
                .orElseThrow(() -> new SrtException("srt_getsockname gave no IP address"));
    }

    private void watch(int socket) throws SrtException {
        IntByReference events = new IntByReference(LibSrt.SRT_EPOLL_IN | LibSrt.SRT_EPOLL_ERR);
        if (srt.srt_epoll_add_usock(epoll, socket, events) == LibSrt.SRT_ERROR) {
            throw SrtException.lastError(srt, "srt_epoll_add_usock");
        }
    }

    /** Accepts made by {@link #acceptOverdue}, for the log. Listener thread only. */
    private long overdueAccepts;

    private void run() {
        byte[] buffer = new byte[LibSrt.SRT_LIVE_MAX_PLSIZE];
        long waitFailures = 0;
        long nextPendingCheck = System.nanoTime();
        long nextBrokenCheck = nextPendingCheck;
        try (Memory events = new Memory((long) EVENTS_PER_WAIT * LibSrt.EPOLL_EVENT_SIZE)) {
            while (running) {
                int ready = srt.srt_epoll_uwait(epoll, events, EVENTS_PER_WAIT, POLL_MILLIS);
                if (ready < 0) {
                    if (waitFailures++ % 100 == 0) {
                        LOG.warning("srt_epoll_uwait failed: " + srt.srt_getlasterror_str());
                    }
                    Thread.sleep(POLL_MILLIS);
                    continue;
                }
                for (int i = 0; i < Math.min(ready, EVENTS_PER_WAIT); i++) {
                    long offset = (long) i * LibSrt.EPOLL_EVENT_SIZE;
                    handle(events.getInt(offset), events.getInt(offset + Integer.BYTES), buffer);
                }
                notifyClosedByInlet();
                long now = System.nanoTime();
                if (now - nextPendingCheck >= 0) {
                    pending.expire(now, this::closedByLibsrt, socket -> srt.srt_getsockstate(socket) == LibSrt.SRTS_NONEXIST);
                    acceptOverdue(now);
                    nextPendingCheck = now + PENDING_CHECK_NANOS;
                }
                if (now - nextBrokenCheck >= 0) {
                    endBroken();
                    nextBrokenCheck = now + BROKEN_CHECK_NANOS;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            LOG.log(Level.SEVERE, "SRT listener thread failed; SRT ingest on port " + boundPort + " stops", e);
        } finally {
            running = false;
            connections.values().forEach(connection -> connection.end("listener stopped"));
            connections.clear();
            notifyClosedByInlet();
            pending.clear();
            releaseNative();
        }
    }

    /**
     * Accepts admitted callers that libsrt reports connected although the epoll never reported the listener ready for
     * them (seen rarely under load with libsrt 1.5.1: the caller is connected, and without this it would wait, unserved,
     * until its admission expired).
     */
    private void acceptOverdue(long now) {
        int owed = pending.connectedButNotAccepted(now, ACCEPT_OVERDUE_NANOS,
                socket -> srt.srt_getsockstate(socket) == LibSrt.SRTS_CONNECTED);
        if (owed == 0) {
            return;
        }
        overdueAccepts += owed;
        LOG.log(Level.INFO, "SRT: accepting {0} connected caller(s) the epoll did not report ({1} since start)",
                new Object[]{owed, overdueAccepts});
        for (int i = 0; i < owed; i++) {
            acceptOne();
        }
    }

    private void handle(int socket, int flags, byte[] buffer) {
        if (socket == listenSocket) {
            if ((flags & LibSrt.SRT_EPOLL_ERR) != 0) {
                // A broken listening socket would be reported on every wait: give up instead of spinning.
                LOG.severe("SRT listening socket on port " + boundPort + " failed: " + srt.srt_getlasterror_str());
                running = false;
                return;
            }
            acceptOne();
            return;
        }
        SrtConnection connection = connections.get(socket);
        if (connection == null) {
            srt.srt_epoll_remove_usock(epoll, socket);
            return;
        }
        connection.drain(buffer, MESSAGES_PER_TURN);
        if ((flags & LibSrt.SRT_EPOLL_ERR) != 0 && connection.isOpen()) {
            connection.end("connection broken");
        }
        if (!connection.isOpen()) {
            forget(connection);
        }
    }

    /**
     * Accepts one admitted caller. One per readiness report, because libsrt logs an error for every accept that
     * finds none; the epoll is level-triggered, so further waiting callers are reported again at once.
     */
    private void acceptOne() {
        byte[] address = new byte[SockAddr.MAX_LENGTH];
        IntByReference length = new IntByReference(address.length);
        int socket = srt.srt_accept(listenSocket, address, length);
        if (socket == LibSrt.SRT_INVALID_SOCK) {
            LOG.warning("srt_accept failed: " + srt.srt_getlasterror_str());
            return;
        }
        PendingAdmissions.Admitted admitted = pending.take(socket);
        if (admitted == null) {
            LOG.warning("SRT socket " + socket + " accepted without an admission verdict; closing it");
            srt.srt_close(socket);
            return;
        }
        open(socket, admitted);
    }

    /**
     * Whether libsrt closed an admitted socket (the caller went away). A handshake whose key material does not match
     * leaves no socket at all: {@link PendingAdmissions} treats a socket libsrt still does not know after a grace as
     * failed, because libsrt registers an admitted one only once the rest of its handshake succeeded.
     */
    private boolean closedByLibsrt(int socket) {
        int state = srt.srt_getsockstate(socket);
        return state == LibSrt.SRTS_BROKEN || state == LibSrt.SRTS_CLOSING || state == LibSrt.SRTS_CLOSED;
    }

    private void endBroken() {
        for (SrtConnection connection : List.copyOf(connections.values())) {
            int state = srt.srt_getsockstate(connection.id());
            if (state == LibSrt.SRTS_BROKEN || state == LibSrt.SRTS_CLOSED || state == LibSrt.SRTS_NONEXIST) {
                if (connection.isOpen()) {
                    connection.end("connection broken");
                }
                forget(connection);
            }
        }
    }

    private void open(int socket, PendingAdmissions.Admitted admitted) {
        OptionalInt tooLong = latencyOverMaximum(socket);
        if (tooLong.isPresent()) {
            String reason = "the caller agreed on " + tooLong.getAsInt() + " ms of latency; at most "
                    + settings.maxLatencyMillis() + " ms is taken (inlet.srt.max-latency-ms)";
            LOG.warning("SRT caller " + admitted.peer() + " (" + LogText.of(admitted.streamId()) + ") closed: " + reason);
            srt.srt_close(socket);
            admitted.verdict().handler().handshakeFailed(reason);
            return;
        }
        SrtConnection connection = new SrtConnection(srt, socket, epoll, admitted.peer(), admitted.streamId(),
                closedByInlet::add);
        connections.put(socket, connection);
        try {
            // Inherited from the listening socket already; stated again because a blocking read would stall the
            // whole port's thread.
            new SocketOptions(srt, socket).setBoolean(LibSrt.SRTO_RCVSYN, "SRTO_RCVSYN", false)
                    .setBoolean(LibSrt.SRTO_SNDSYN, "SRTO_SNDSYN", false);
            SrtConnection.Listener listener = admitted.verdict().handler().connected(connection);
            if (listener == null) {
                throw new IllegalStateException("the connection handler gave no listener");
            }
            connection.attach(listener);
            if (connection.isOpen()) {
                watch(socket);
            }
        } catch (SrtException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot start " + connection, e);
            connection.end("cannot start: " + e.getMessage());
        }
        if (!connection.isOpen()) {
            forget(connection);
        }
    }

    /** The agreed latency when it is above the maximum: libsrt takes the larger of what both sides asked. */
    private OptionalInt latencyOverMaximum(int socket) {
        try {
            int agreed = SrtConnection.agreedLatencyMillis(srt, socket);
            return agreed > settings.maxLatencyMillis() ? OptionalInt.of(agreed) : OptionalInt.empty();
        } catch (SrtException e) {
            return OptionalInt.empty(); // a socket that cannot say is broken; the connection's first read tells
        }
    }

    private void notifyClosedByInlet() {
        for (SrtConnection connection; (connection = closedByInlet.poll()) != null; ) {
            connection.notifyClosed();
            forget(connection);
        }
    }

    private void forget(SrtConnection connection) {
        connections.remove(connection.id(), connection);
    }

    /** Called by start (when it fails) or by the listener thread as it ends, never both. */
    private void releaseNative() {
        if (epoll >= 0) {
            srt.srt_epoll_release(epoll);
            epoll = -1;
        }
        if (listenSocket != LibSrt.SRT_INVALID_SOCK) {
            srt.srt_close(listenSocket);
            listenSocket = LibSrt.SRT_INVALID_SOCK;
        }
        srt.srt_cleanup();
        boundPort = -1;
    }
}
