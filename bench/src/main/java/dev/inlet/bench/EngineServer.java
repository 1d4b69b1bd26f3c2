package dev.inlet.bench;

import dev.inlet.core.InMemoryRegistry;
import dev.inlet.ingest.RtmpServer;
import dev.inlet.ingest.RtmpSettings;
import dev.inlet.core.StreamKeys;
import dev.inlet.rtmp.transport.WriteMerging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    public static void main(String[] args) throws InterruptedException, IOException {
        int port = 0;
        long maxSeconds = 3600;
        int streams = 0;
        Path streamsFile = null;
        Path keysOut = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--max-seconds" -> maxSeconds = Long.parseLong(args[i + 1]);
                case "--streams" -> streams = Integer.parseInt(args[i + 1]);
                case "--streams-file" -> streamsFile = Path.of(args[i + 1]);
                case "--keys-out" -> keysOut = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("usage: EngineServer [--port P] [--max-seconds S]"
                        + " [--streams N [--streams-file FILE] [--keys-out FILE]]");
            }
        }
        String key = StreamKeys.generate();
        InMemoryRegistry registry = new InMemoryRegistry();
        registry.register("demo", key);
        if (streams > 0) {
            // Streams s1..sN, each with its own key: "<name> <key>" lines for the many-streams benchmark, the keys
            // alone for the ingest benchmark.
            StringBuilder lines = new StringBuilder();
            StringBuilder keys = new StringBuilder();
            for (int i = 1; i <= streams; i++) {
                String streamKey = StreamKeys.generate();
                registry.register("s" + i, streamKey);
                lines.append('s').append(i).append(' ').append(streamKey).append('\n');
                keys.append(streamKey).append('\n');
            }
            if (streamsFile != null) {
                Files.writeString(streamsFile, lines);
            }
            if (keysOut != null) {
                Files.writeString(keysOut, keys);
            }
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
        RtmpSettings settings = RtmpSettings.defaults().withHost("127.0.0.1").withPort(port)
                .withConnections(20_000, 20_000).withPlayerLimits(0, 0);
        // The product's key, so a run can compare merge windows: -Dinlet.play.write-merge-ms=0 writes at once.
        Long mergeMillis = Long.getLong("inlet.play.write-merge-ms");
        if (mergeMillis != null) {
            settings = settings.withWriteMerging(new WriteMerging(Duration.ofMillis(mergeMillis),
                    settings.writeMerging().threads()));
        }
        return settings;
    }
}
