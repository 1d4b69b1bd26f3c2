package dev.inlet.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random frame sizes (from one byte to several hundred packets) and random flush points: the TS stays well formed and
 * the demuxer gets every frame back, byte for byte, without a counter or CRC error.
 */
class TsMuxerPropertyTest {

    private static final byte[] AUD = {0x09, (byte) 0xF0};

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    void anyFrameSizesSurviveTheRoundTrip(long seed) {
        Random random = new Random(seed);
        TsTrack avc = trackOf(TsRecording.demux(TsRecording.fixture("h264-aac.ts")), FrameKind.H264);
        AvcDecoderConfiguration config = avc.avcConfig();
        AudioSpecificConfig aac = new AudioSpecificConfig(AudioSpecificConfig.AAC_LC, 44_100, 1 + random.nextInt(2));
        List<AVPacket> input = frames(random, config);
        TsMuxing muxing = new TsMuxing();
        muxing.muxer.onTrack(avc);
        muxing.muxer.configure(FrameKind.AAC, aac.toBytes());

        for (AVPacket packet : input) {
            muxing.muxer.write(packet);
            if (random.nextInt(10) == 0) {
                muxing.muxer.flush();
            }
        }
        muxing.muxer.flush();

        assertWellFormed(muxing);
        TsRecording recording = new TsRecording();
        TsDemuxer demuxer = new TsDemuxer(recording);
        demuxer.feed(muxing.bytes());
        demuxer.flush();
        TsDemuxer.Stats stats = demuxer.stats();
        assertThat(stats.continuityErrors() + stats.crcErrors() + stats.droppedPes() + stats.droppedFrames()
                + stats.invalidPackets() + stats.syncLosses()).as(stats.toString()).isZero();
        assertThat(recording.framesOf(TsMuxer.VIDEO_PID)).containsExactlyElementsOf(ofKind(input, FrameKind.H264));
        assertThat(recording.framesOf(TsMuxer.AUDIO_PID)).containsExactlyElementsOf(ofKind(input, FrameKind.AAC));
    }

    /** 3 s at 30 fps with a keyframe each second, AAC every 23 ms, interleaved by decoding time. */
    private static List<AVPacket> frames(Random random, AvcDecoderConfiguration config) {
        List<AVPacket> frames = new ArrayList<>();
        long audioMs = 0;
        for (int i = 0; i < 90; i++) {
            long dts = i * 33L;
            while (audioMs <= dts) {
                frames.add(new AVPacket(FrameKind.AAC, noZeros(random, 1 + random.nextInt(random.nextBoolean() ? 50 : 6000)),
                        audioMs, audioMs, true, false));
                audioMs += 23;
            }
            boolean keyframe = i % 30 == 0;
            int size = random.nextInt(5) == 0 ? 1 + random.nextInt(200) : 1 + random.nextInt(keyframe ? 120_000 : 20_000);
            byte[] slice = noZeros(random, size + 1);
            slice[0] = (byte) (keyframe ? 0x65 : 0x41); // nal_ref_idc 3 / 2, type IDR / non-IDR slice
            List<byte[]> nals = new ArrayList<>(List.of(AUD));
            if (keyframe) {
                nals.addAll(config.sps());
                nals.addAll(config.pps());
            }
            nals.add(slice);
            frames.add(new AVPacket(FrameKind.H264, AnnexB.toAnnexB(nals), dts + 33L * random.nextInt(3), dts, keyframe, false));
        }
        return frames;
    }

    private static void assertWellFormed(TsMuxing muxing) {
        for (int i = 0; i < muxing.units.size() - 1; i++) {
            assertThat(muxing.units.get(i).length % TsPacket.SIZE).isZero();
            assertThat(muxing.units.get(i).length).isBetween(TsPacket.SIZE, TsMuxer.UNIT_SIZE);
        }
        Map<Integer, Integer> counters = new HashMap<>();
        for (byte[] bytes : muxing.packets()) {
            TsPacket packet = TsPacket.parse(bytes, 0);
            assertThat(packet).isNotNull();
            if (packet.hasPayload()) {
                Integer previous = counters.put(packet.pid(), packet.continuityCounter());
                if (previous != null) {
                    assertThat(packet.continuityCounter()).isEqualTo((previous + 1) & 0x0F);
                }
            }
        }
    }

    /** Random payload bytes that cannot form a start code. */
    private static byte[] noZeros(Random random, int length) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (1 + random.nextInt(255));
        }
        return data;
    }

    private static List<AVPacket> ofKind(List<AVPacket> packets, FrameKind kind) {
        return packets.stream().filter(packet -> packet.kind() == kind).toList();
    }

    private static TsTrack trackOf(TsRecording recording, FrameKind kind) {
        return recording.tracks.stream().filter(track -> track.kind() == kind).findFirst().orElseThrow();
    }
}
