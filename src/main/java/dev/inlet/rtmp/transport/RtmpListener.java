package dev.inlet.rtmp.transport;

import dev.inlet.rtmp.chunk.ReassemblyBudget;
import dev.inlet.rtmp.session.ServerSession;
import dev.inlet.rtmp.session.ServerSessionHandler;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.TransportFilter;
import org.glassfish.grizzly.memory.HeapMemoryManager;
import org.glassfish.grizzly.nio.DefaultSelectorHandler;
import org.glassfish.grizzly.nio.transport.TCPNIOServerConnection;
import org.glassfish.grizzly.nio.transport.TCPNIOTransport;
import org.glassfish.grizzly.nio.transport.TCPNIOTransportBuilder;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;
import org.glassfish.grizzly.ssl.SSLFilter;
import org.glassfish.grizzly.strategies.SameThreadIOStrategy;
import org.glassfish.grizzly.strategies.WorkerThreadIOStrategy;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An RTMP server socket on a Grizzly NIO transport:
 * transport → handshake → chunk codec → session. Every thread it uses comes from the given
 * factory (the container's managed thread factory in production) and is joined on {@link #stop}.
 */
public final class RtmpListener {

    private static final Logger LOG = Logger.getLogger(RtmpListener.class.getName());
    private static final long STOP_JOIN_MILLIS = 10_000;

    private final ListenerSettings settings;
    private final TrackingThreadFactory threads;
    private final Function<ServerSession, ServerSessionHandler> handlerFactory;
    private final ConnectionFailures failures;
    private final ConnectionAdmission admission;
    private final ReassemblyBudget memory;
    private final SSLContext tls;
    private TCPNIOTransport transport;
    private ScheduledExecutorService timer;
    private FlushScheduler flushes;
    private int boundPort = -1;

    public RtmpListener(ListenerSettings settings, ThreadFactory threadFactory,
                        Function<ServerSession, ServerSessionHandler> handlerFactory) {
        this(settings, threadFactory, handlerFactory, new ConnectionFailures(),
                new ConnectionAdmission(settings.maxConnections(), settings.maxConnectionsPerIp()),
                settings.chunkLimits().newBudget(), null);
    }

    /**
     * A listener that shares its close counters, connection limits and memory budget with others (RTMP and RTMPS
     * of one server), and speaks TLS when {@code tls} is not null (RTMPS: the RTMP handshake runs inside TLS).
     */
    public RtmpListener(ListenerSettings settings, ThreadFactory threadFactory,
                        Function<ServerSession, ServerSessionHandler> handlerFactory, ConnectionFailures failures,
                        ConnectionAdmission admission, ReassemblyBudget memory, SSLContext tls) {
        this.settings = settings;
        this.threads = new TrackingThreadFactory(threadFactory, tls == null ? "inlet-rtmp" : "inlet-rtmps");
        this.handlerFactory = handlerFactory;
        this.failures = failures;
        this.admission = admission;
        this.memory = memory;
        this.tls = tls;
    }

    public synchronized void start() throws IOException {
        if (transport != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(threads);
        int selectors = Math.max(1, Runtime.getRuntime().availableProcessors());
        TCPNIOTransport built = TCPNIOTransportBuilder.newInstance()
                .setTcpNoDelay(true)
                .setReuseAddress(true)
                // Reads on the selector thread by default: handing every read to a worker cost about a third of the
                // ingest CPU (wake-up, re-arming the key). Nothing on the read path waits (registry, authorisers and
                // look-ups complete on their own threads); inlet.rtmp.reads-on-selector=false restores workers.
                .setIOStrategy(settings.readsOnSelector() ? SameThreadIOStrategy.getInstance()
                        : WorkerThreadIOStrategy.getInstance())
                .setSelectorRunnersCount(selectors)
                // A busy selector thread pauses before its next select, so it wakes once for many ready connections.
                .setSelectorHandler(settings.readCoalescing().isZero() ? new DefaultSelectorHandler()
                        : new CoalescingSelectorHandler(settings.readCoalescing()))
                .setSelectorThreadPoolConfig(pool("selector", selectors))
                .setWorkerThreadPoolConfig(pool("worker", settings.workerThreads()))
                // Our own manager, not the server's shared default (see ReadBufferMemoryManager); TLS keeps
                // Grizzly's plain heap manager, because the SSL filter holds on to buffers it allocates.
                .setMemoryManager(tls == null ? new ReadBufferMemoryManager() : new HeapMemoryManager())
                .build();
        flushes = settings.writeMerging().enabled() ? new FlushScheduler(settings.writeMerging(), threads) : null;
        ConnectionCloser closer = new ConnectionCloser(failures, timer, ConnectionCloser.FLUSH_BOUND);
        SessionFilter sessions = new SessionFilter(handlerFactory, settings.sessionSettings(), failures, closer,
                settings.maxWriteQueueBytes(), flushes);
        FilterChainBuilder chain = FilterChainBuilder.stateless()
                .add(new TransportFilter())
                .add(new ConnectionLimitFilter(admission, failures));
        if (tls != null) {
            // Only constructors present in Grizzly 4.0 too (Payara ships its own 4.0.x).
            chain.add(new SSLFilter(new SSLEngineConfigurator(tls, false, false, false),
                    new SSLEngineConfigurator(tls, true, false, false)));
        }
        built.setProcessor(chain
                .add(new HandshakeFilter(settings.handshakeTimeout(), timer, failures))
                .add(new ChunkCodecFilter(settings.chunkLimits(), memory, failures))
                .add(sessions)
                .build());
        try {
            TCPNIOServerConnection server = built.bind(settings.host(), settings.port());
            built.start();
            if (flushes != null) {
                flushes.start();
            }
            boundPort = ((InetSocketAddress) server.getLocalAddress()).getPort();
            transport = built;
            timer.scheduleWithFixedDelay(sessions::closeSilentConnections, 1, 1, TimeUnit.SECONDS);
        } catch (IOException | RuntimeException e) {
            if (flushes != null) {
                flushes.stop();
            }
            built.shutdownNow();
            timer.shutdownNow();
            throw e;
        }
        LOG.log(Level.INFO, "{0} listening on {1}:{2,number,#}",
                new Object[]{tls == null ? "RTMP" : "RTMPS", settings.host(), boundPort});
    }

    /** Closes the listening socket; connections already open carry on until {@link #stop}. */
    public synchronized void stopAccepting() {
        if (transport != null) {
            transport.unbindAll();
        }
    }

    /** Closes the socket and every connection, and waits for the threads to end. */
    public synchronized void stop() {
        if (transport == null) {
            return;
        }
        try {
            transport.shutdownNow();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "RTMP transport did not shut down cleanly", e);
        }
        timer.shutdownNow();
        if (flushes != null) {
            flushes.stop();
        }
        transport = null;
        boundPort = -1;
        try {
            Set<Thread> alive = threads.joinAll(STOP_JOIN_MILLIS);
            if (!alive.isEmpty()) {
                LOG.log(Level.WARNING, "RTMP threads still running after stop: {0}", alive);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("RTMP listener stopped");
    }

    public synchronized boolean isRunning() {
        return transport != null;
    }

    /** The port actually bound (useful with port 0), or -1 when stopped. */
    public synchronized int boundPort() {
        return boundPort;
    }

    /** Connections open now on every listener sharing this one's limits. */
    public int openConnections() {
        return admission.open();
    }

    /** Connections closed per reason (protocol errors, timeouts, slow peers) since start. */
    public Map<String, Long> closeReasons() {
        return failures.snapshot();
    }

    private ThreadPoolConfig pool(String name, int size) {
        return ThreadPoolConfig.defaultConfig().copy()
                .setPoolName("inlet-rtmp-" + name)
                .setCorePoolSize(size)
                .setMaxPoolSize(size)
                .setKeepAliveTime(-1, TimeUnit.MILLISECONDS)
                .setThreadFactory(threads);
    }
}
