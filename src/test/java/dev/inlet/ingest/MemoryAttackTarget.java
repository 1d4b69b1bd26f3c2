package dev.inlet.ingest;

import dev.inlet.core.InMemoryRegistry;
import dev.inlet.core.StreamKeys;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The engine alone in a JVM of its own, for {@link PartialMessageMemoryTest}: started with a small heap, so an attack
 * that would exhaust it shows as this process dying ({@code -XX:+ExitOnOutOfMemoryError}) rather than as a test JVM
 * in trouble. Prints {@code READY <port> <key>}; answers {@code report} on stdin with its close reasons.
 */
public final class MemoryAttackTarget {

    private MemoryAttackTarget() {
    }

    public static void main(String[] args) throws Exception {
        InMemoryRegistry registry = new InMemoryRegistry();
        String key = StreamKeys.generate();
        registry.register("demo", key);
        RtmpServer server = new RtmpServer(RtmpSettings.defaults().withHost("127.0.0.1").withPort(0), registry,
                Executors.defaultThreadFactory());
        server.start();
        System.out.println("READY " + server.boundPort() + " " + key);
        System.out.flush();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = commands.readLine()) != null) {
            if (line.equals("report")) {
                System.out.println("REASONS " + server.closeReasons() + " HELD " + server.partialMessageBytes());
                System.out.flush();
            }
        }
        server.stop();
        System.exit(0);
    }
}
