package dev.inlet.ingest;

import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.client.RtmpClient;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** What the engine's loopback tests share: a small H.264 stream, a client of app {@code live}, stream {@code demo}. */
final class Loopback {

    static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** An AVC sequence header: High profile, level 3.1, one 4-byte SPS and one 2-byte PPS. */
    static final byte[] AVC_HEADER = {0x17, 0, 0, 0, 0, 1, 0x64, 0, 0x1F, (byte) 0xFF, (byte) 0xE1, 0, 4,
            0x67, 0x64, 0, 0x1F, 1, 0, 2, 0x68, (byte) 0xEE};

    private Loopback() {
    }

    /** A client connected to app {@code live}; {@code media} gets every media and data message (null: queued). */
    static RtmpClient client(RtmpServer server, Consumer<RtmpMessage> media) throws IOException {
        return RtmpClient.connect("127.0.0.1", server.boundPort(), "live", TIMEOUT, media);
    }

    /** Waits until stream {@code demo} has a publisher. */
    static void awaitLive(RtmpServer server) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT.toMillis();
        while (!server.isLive("demo") && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        assertThat(server.isLive("demo")).isTrue();
    }

    /** An AVC NALU tag of {@code size} bytes: one IDR or non-IDR slice, length-prefixed, zero-filled. */
    static byte[] avcFrame(boolean keyframe, int size) {
        byte[] body = new byte[size];
        body[0] = (byte) (keyframe ? 0x17 : 0x27);
        body[1] = 1;
        body[8] = (byte) (size - 9);
        body[9] = (byte) (keyframe ? 0x65 : 0x41);
        return body;
    }
}
