package dev.inlet.ingest;

import dev.inlet.core.InMemoryRegistry;

import dev.inlet.media.AVPacket;
import dev.inlet.media.FlvToAvPacket;
import dev.inlet.media.FrameKind;
import dev.inlet.media.RtmpFrameWriter;
import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.client.RtmpClient;
import dev.inlet.rtmp.client.RtmpStatus;
import dev.inlet.rtmp.command.NetStatus;
import dev.inlet.testing.ExternalProcess;
import dev.inlet.testing.Ffprobe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A custom {@link PlayFunc} that synthesises a stream with the seed's {@link RtmpFrameWriter} (no
 * publisher at all), checked with the project's client and with a real ffmpeg player; and the
 * player limits that answer {@code NetStream.Play.Failed}.
 */
class PlayFuncIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private RtmpServer server;

    @BeforeEach
    void start() {
        server = new RtmpServer(RtmpSettings.defaults().withHost("127.0.0.1").withPort(0).withPlayerLimits(2, 3),
                new InMemoryRegistry(), Executors.defaultThreadFactory());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void aPlayFuncFeedsAccessUnitsThroughTheFrameWriter() throws Exception {
        installSyntheticStream(25);

        List<RtmpMessage> received = new CopyOnWriteArrayList<>();
        try (RtmpClient player = RtmpClient.connect("127.0.0.1", server.boundPort(), "live", TIMEOUT, received::add)) {
            assertThat(player.play(player.createStream(), "synthetic").code()).isEqualTo(NetStatus.PLAY_START);
            long deadline = System.currentTimeMillis() + 5000;
            while (received.size() < 6 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
        }
        // |RtmpSampleAccess, then what the frame writer sends first: onMetaData and the AVC sequence header
        assertThat(received.get(1).typeId()).isEqualTo(MessageTypes.DATA_AMF0);
        assertThat(new String(received.get(1).payload(), java.nio.charset.StandardCharsets.ISO_8859_1)).contains("onMetaData");
        assertThat(received.get(2).typeId()).isEqualTo(MessageTypes.VIDEO);
        assertThat(received.get(2).payload()[0]).isEqualTo((byte) 0x17);
        assertThat(received.get(2).payload()[1]).as("AVC sequence header").isZero();
        assertThat(received.get(3).payload()[1]).as("then coded frames").isEqualTo((byte) 1);
    }

    @Test
    void ffmpegPlaysTheSynthesisedStream(TestInfo test) throws Exception {
        installSyntheticStream(20);
        Path dir = Path.of("target", "interop-logs", "PlayFuncIT", test.getTestMethod().orElseThrow().getName());
        Files.createDirectories(dir);
        Path out = dir.resolve("synthetic.flv");
        try (ExternalProcess ffmpeg = ExternalProcess.run("ffmpeg-play", dir, Duration.ofSeconds(30), List.of(
                "ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "warning", "-rw_timeout", "5000000",
                "-i", "rtmp://127.0.0.1:" + server.boundPort() + "/live/synthetic", "-c", "copy", "-f", "flv", "-y",
                out.toString()))) {
            assertThat(ffmpeg.exitCode()).as(ffmpeg.describe()).isZero();
        }
        Ffprobe.Probe probe = Ffprobe.probe(out, dir);
        assertThat(probe.hasCodec("h264")).as(probe.toString()).isTrue();
        assertThat(probe.mediaSeconds()).as(probe.toString()).isGreaterThan(1.0);
    }

    @Test
    void playersBeyondTheLimitsGetPlayFailed() throws Exception {
        server.setPlayFunc((name, info, player) -> () -> { });
        List<RtmpClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                RtmpClient client = client();
                clients.add(client);
                assertThat(client.play(client.createStream(), "one").code()).isEqualTo(NetStatus.PLAY_START);
            }
            RtmpClient third = client();
            clients.add(third);
            RtmpStatus perStream = third.play(third.createStream(), "one");
            assertThat(perStream.code()).isEqualTo(NetStatus.PLAY_FAILED);
            assertThat(perStream.description()).contains("maximum of 2 players");

            RtmpClient other = client();
            clients.add(other);
            assertThat(other.play(other.createStream(), "two").code()).isEqualTo(NetStatus.PLAY_START);
            RtmpClient fourth = client();
            clients.add(fourth);
            RtmpStatus total = fourth.play(fourth.createStream(), "three");
            assertThat(total.code()).isEqualTo(NetStatus.PLAY_FAILED);
            assertThat(total.description()).contains("server has its maximum of 3");
        } finally {
            for (RtmpClient client : clients) {
                client.close();
            }
        }
        assertThat(server.rejectReasons()).containsEntry("play_limit_reached", 2L);
    }

    /**
     * A PlayFunc with no publisher behind it: a thread per player sends the same x264 pictures, looped
     * {@code loops} times in about real time, through the seed's frame writer.
     */
    private void installSyntheticStream(int loops) throws IOException {
        List<AVPacket> units = accessUnits();
        server.setPlayFunc((name, info, player) -> {
            Thread feeder = new Thread(() -> {
                RtmpFrameWriter writer = new RtmpFrameWriter(player);
                try {
                    long base = 0;
                    for (int loop = 0; loop < loops && player.isOpen(); loop++) {
                        for (AVPacket unit : units) {
                            writer.writeFrame(FrameKind.H264, unit.data(), base + unit.pts(), base + unit.dts());
                        }
                        base += 165;
                        Thread.sleep(100);
                    }
                    player.end("synthetic stream finished");
                } catch (IOException | InterruptedException e) {
                    player.end("synthetic stream stopped: " + e);
                }
            }, "synthetic-feed");
            feeder.setDaemon(true);
            feeder.start();
            return feeder::interrupt;
        });
    }

    private RtmpClient client() throws IOException {
        return RtmpClient.connect("127.0.0.1", server.boundPort(), "live", TIMEOUT);
    }

    /** The H.264 access units of a real x264 encode (four pictures, B-frames), as Annex-B. */
    private static List<AVPacket> accessUnits() throws IOException {
        byte[] flv;
        try (InputStream in = PlayFuncIT.class.getResourceAsStream("/media/h264-high.flv")) {
            flv = in.readAllBytes();
        }
        FlvToAvPacket packets = new FlvToAvPacket();
        List<AVPacket> units = new ArrayList<>();
        int offset = 13;
        while (offset + 11 <= flv.length) {
            int type = flv[offset] & 0xFF;
            int size = ((flv[offset + 1] & 0xFF) << 16) | ((flv[offset + 2] & 0xFF) << 8) | (flv[offset + 3] & 0xFF);
            long ts = ((flv[offset + 4] & 0xFFL) << 16) | ((flv[offset + 5] & 0xFFL) << 8) | (flv[offset + 6] & 0xFFL)
                    | ((flv[offset + 7] & 0xFFL) << 24);
            byte[] body = java.util.Arrays.copyOfRange(flv, offset + 11, offset + 11 + size);
            if (type == 9) {
                AVPacket unit = packets.video(body, ts);
                if (unit != null) {
                    units.add(unit);
                }
            }
            offset += 11 + size + 4;
        }
        assertThat(units).isNotEmpty();
        return units;
    }
}
