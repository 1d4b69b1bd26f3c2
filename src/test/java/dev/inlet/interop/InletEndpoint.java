package dev.inlet.interop;

import dev.inlet.core.InMemoryRegistry;
import dev.inlet.ingest.RtmpServer;
import dev.inlet.ingest.RtmpSettings;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Inlet's RTMP engine on an ephemeral port of 127.0.0.1, with stream {@code demo} under a random key. */
final class InletEndpoint implements RtmpEndpoint {

    private final RtmpServer server;
    private final String publishKey;

    private InletEndpoint(RtmpServer server, String publishKey) {
        this.server = server;
        this.publishKey = publishKey;
    }

    static InletEndpoint start() {
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        String key = "key-" + HexFormat.of().formatHex(random);
        InMemoryRegistry registry = new InMemoryRegistry();
        registry.register(STREAM_CODE, key);
        RtmpServer server = new RtmpServer(RtmpSettings.defaults().withHost("127.0.0.1").withPort(0), registry,
                daemonThreads());
        server.start();
        return new InletEndpoint(server, key);
    }

    @Override
    public String publishUrl() {
        return url(publishKey);
    }

    @Override
    public String playUrl() {
        return url(STREAM_CODE);
    }

    @Override
    public String url(String name) {
        return "rtmp://127.0.0.1:" + server.boundPort() + "/live/" + name;
    }

    @Override
    public String serverName() {
        return "Inlet";
    }

    @Override
    public void close() {
        server.stop();
    }

    /** Daemon threads, so that a server a failed test forgot cannot keep the JVM alive. */
    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "inlet-interop-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
