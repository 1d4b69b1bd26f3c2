package dev.inlet.ingest;

import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.client.RtmpClient;
import dev.inlet.rtmp.command.NetStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12's heap attack, for real: peers without a stream key park nearly complete messages on many chunk streams
 * of many connections, more in total than the server's whole heap. The engine runs in a JVM of its own with a
 * 256 MB heap that exits on the first {@code OutOfMemoryError}; it must survive, close the attackers (counted as
 * {@code memory_budget}), free what they held, and keep serving a legitimate publisher and player meanwhile.
 */
class PartialMessageMemoryTest {

    private static final int ATTACKERS = 8;
    /** Each attacker tries to park this much: 8 × 64 MiB is twice the target's heap. */
    private static final long BYTES_PER_ATTACKER = 64L * 1024 * 1024;
    private static final int ATTACK_CHUNK_SIZE = 1024 * 1024;
    private static final int LARGEST_MESSAGE_LENGTH = 0xFF_FFFF;
    private static final int KEYFRAME_BYTES = 300 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Process target;
    private BufferedReader targetOut;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() throws InterruptedException {
        threads.shutdownNow();
        if (target != null) {
            target.destroyForcibly();
            target.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @Timeout(value = 120)
    void aServerWithA256MegabyteHeapSurvivesConnectionsParkingPartialMessagesAndKeepsServing() throws Exception {
        String[] ready = startTarget().split(" ");
        int port = Integer.parseInt(ready[1]);
        String key = ready[2];

        List<RtmpMessage> played = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (RtmpClient publisher = RtmpClient.connect("127.0.0.1", port, "live", TIMEOUT);
             RtmpClient player = RtmpClient.connect("127.0.0.1", port, "live", TIMEOUT, played::add)) {
            publisher.setChunkSize(4096);
            int publishStream = publisher.createStream();
            assertThat(publisher.publish(publishStream, key).code()).isEqualTo(NetStatus.PUBLISH_START);
            publisher.sendMedia(publishStream, MessageTypes.VIDEO, 0, Loopback.AVC_HEADER);
            assertThat(player.play(player.createStream(), "demo").code()).isEqualTo(NetStatus.PLAY_START);

            List<CompletableFuture<Boolean>> attacks = new ArrayList<>();
            for (int i = 0; i < ATTACKERS; i++) {
                attacks.add(CompletableFuture.supplyAsync(() -> attack(port), threads));
            }
            // The legitimate publisher goes on sending large keyframes (many chunks each, so they are reassembled
            // under the same budget) while the attack runs, and for a while after.
            AtomicInteger sent = new AtomicInteger();
            long timestamp = 0;
            while (!CompletableFuture.allOf(attacks.toArray(CompletableFuture[]::new)).isDone() || sent.get() < 40) {
                timestamp += 40;
                publisher.sendMedia(publishStream, MessageTypes.VIDEO, timestamp, Loopback.avcFrame(true, KEYFRAME_BYTES));
                sent.incrementAndGet();
                Thread.sleep(20);
                assertThat(target.isAlive()).as("the target JVM is alive (it exits on OutOfMemoryError)").isTrue();
            }
            for (CompletableFuture<Boolean> attack : attacks) {
                assertThat(attack.get(60, TimeUnit.SECONDS)).as("the server closed the attacker").isTrue();
            }
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (keyframesIn(played) < sent.get() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(keyframesIn(played)).as("every keyframe the publisher sent reached the player whole")
                    .isEqualTo(sent.get());
            assertThat(publisher.isClosedByServer()).isFalse();
        }

        String report = report();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (held(report) != 0 && System.nanoTime() < deadline) {
            Thread.sleep(50); // the last closes may still be on their way through the transport
            report = report();
        }
        assertThat(report).contains("memory_budget=");
        long closedForMemory = Long.parseLong(report.replaceAll(".*memory_budget=(\\d+).*", "$1"));
        assertThat(closedForMemory).isGreaterThanOrEqualTo(ATTACKERS);
        assertThat(held(report)).as("bytes still held in partial messages once everyone is gone").isZero();
        assertThat(target.isAlive()).isTrue();
    }

    private static long held(String report) {
        return Long.parseLong(report.replaceAll(".* HELD (\\d+).*", "$1"));
    }

    private static long keyframesIn(List<RtmpMessage> played) {
        return played.stream()
                .filter(m -> m.typeId() == MessageTypes.VIDEO && m.payload().length == KEYFRAME_BYTES)
                .count();
    }

    /**
     * Handshake, a 1 MiB chunk size, then one chunk of a 16 MiB message on each of 60 chunk streams, round after
     * round, never completing one. True when the server closes the connection before it has sent everything.
     */
    private static boolean attack(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            handshake(socket);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            writeSetChunkSize(out, ATTACK_CHUNK_SIZE);
            byte[] payload = new byte[ATTACK_CHUNK_SIZE];
            long sent = 0;
            for (int round = 0; sent < BYTES_PER_ATTACKER; round++) {
                for (int csid = 3; csid < 63 && sent < BYTES_PER_ATTACKER; csid++) {
                    if (round == 0) {
                        writeVideoHeader(out, csid, LARGEST_MESSAGE_LENGTH);
                    } else {
                        out.write(0xC0 | csid); // format 3: the next chunk of the same message
                    }
                    out.write(payload);
                    sent += payload.length;
                }
            }
            out.flush();
            // everything was sent: the server must still close the connection (it holds too much)
            return socket.getInputStream().read() == -1;
        } catch (IOException closedByServer) {
            return true; // reset or broken pipe while sending: the server closed it
        }
    }

    private static void handshake(Socket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        byte[] c0c1 = new byte[1 + 1536];
        c0c1[0] = 3;
        out.write(c0c1);
        out.flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] s0s1s2 = new byte[1 + 1536 + 1536];
        in.readFully(s0s1s2);
        out.write(s0s1s2, 1, 1536); // C2 echoes S1
        out.flush();
    }

    private static void writeSetChunkSize(OutputStream out, int size) throws IOException {
        out.write(new byte[]{0x02, 0, 0, 0, 0, 0, 4, MessageTypes.SET_CHUNK_SIZE, 0, 0, 0, 0});
        out.write(new byte[]{(byte) (size >>> 24), (byte) (size >>> 16), (byte) (size >>> 8), (byte) size});
    }

    private static void writeVideoHeader(OutputStream out, int csid, int length) throws IOException {
        out.write(new byte[]{(byte) csid, 0, 0, 0, (byte) (length >>> 16), (byte) (length >>> 8), (byte) length,
                MessageTypes.VIDEO, 1, 0, 0, 0});
    }

    private String startTarget() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        target = new ProcessBuilder(java, "-Xmx256m", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), MemoryAttackTarget.class.getName())
                .redirectError(ProcessBuilder.Redirect.appendTo(new java.io.File("target/memory-attack-target.log")))
                .start();
        targetOut = new BufferedReader(new InputStreamReader(target.getInputStream(), StandardCharsets.UTF_8));
        return expectLine("READY ");
    }

    private String report() throws IOException {
        target.getOutputStream().write("report\n".getBytes(StandardCharsets.UTF_8));
        target.getOutputStream().flush();
        return expectLine("REASONS ");
    }

    private String expectLine(String prefix) throws IOException {
        String line;
        while ((line = targetOut.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new IOException("the target JVM ended (exit " + exitValue() + ") before printing " + prefix.trim());
    }

    private String exitValue() {
        try {
            return target.waitFor(5, TimeUnit.SECONDS) ? String.valueOf(target.exitValue()) : "none yet";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
