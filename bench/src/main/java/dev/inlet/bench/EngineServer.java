package dev.inlet.bench;

import dev.inlet.ingest.InMemoryRegistry;
import dev.inlet.ingest.RtmpServer;
import dev.inlet.ingest.RtmpSettings;
import dev.inlet.ingest.StreamKeys;
import dev.inlet.rtmp.transport.WriteMerging;

import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * Inlet's RTMP engine in plain Java, without the application server: the same {@link RtmpServer} the
 * container starts, on 127.0.0.1, with one stream {@code demo} and a fresh publish key. Prints
 * {@code READY port=<port> key=<key>} once listening; stops on SIGTERM or after {@code --max-seconds}.
 */
public final class EngineServer {

    private EngineServer() {
    }

    public static void main(String[] args) throws InterruptedException, java.io.IOException {
        int port = 0;
        long maxSeconds = 3600;
        int streams = 0;
        java.nio.file.Path keysOut = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--max-seconds" -> maxSeconds = Long.parseLong(args[i + 1]);
                case "--streams" -> streams = Integer.parseInt(args[i + 1]); // the ingest benchmark's streams
                case "--keys-out" -> keysOut = java.nio.file.Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("usage: EngineServer [--port P] [--max-seconds S] [--streams N --keys-out FILE]");
            }
        }
        String key = StreamKeys.generate();
        InMemoryRegistry registry = new InMemoryRegistry();
        registry.register("demo", key);
        StringBuilder keys = new StringBuilder();
        for (int i = 0; i < streams; i++) {
            String streamKey = StreamKeys.generate();
            registry.register("ingest-" + i, streamKey);
            keys.append(streamKey).append('\n');
        }
        if (keysOut != null) {
            java.nio.file.Files.writeString(keysOut, keys);
        }
        RtmpServer server = new RtmpServer(benchmarkSettings(port), registry,
                Executors.defaultThreadFactory());
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "engine-stop"));
        System.out.println("READY port=" + server.boundPort() + " key=" + key);
        System.out.flush();
        Thread.sleep(maxSeconds * 1000); // bounded: a forgotten server ends by itself
        System.exit(0);
    }

    /**
     * Defaults, except the per-address connection limit: every load-tool player comes from 127.0.0.1,
     * which the protection against one address hogging the server would otherwise refuse.
     */
    static RtmpSettings benchmarkSettings(int port) {
        RtmpSettings defaults = RtmpSettings.defaults().withHost("127.0.0.1").withPort(port);
        RtmpSettings settings = defaults.withLimits(defaults.limits().withConnections(20_000, 20_000).withPlayers(0, 0));
        // The product's key, so a run can compare merge windows: -Dinlet.play.write-merge-ms=0 writes at once.
        Long mergeMillis = Long.getLong("inlet.play.write-merge-ms");
        if (mergeMillis != null) {
            settings = settings.withWriteMerging(new WriteMerging(Duration.ofMillis(mergeMillis),
                    settings.writeMerging().threads()));
        }
        return settings;
    }
}
