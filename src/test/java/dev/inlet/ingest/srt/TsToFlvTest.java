package dev.inlet.ingest.srt;

import dev.inlet.media.AVPacket;
import dev.inlet.media.TsDemuxer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What players get from an SRT publish: FLV tags that start at 0, sequence headers before the frames. */
class TsToFlvTest {

    private record Tag(int type, long timestamp, byte[] body) {
        boolean isVideo() {
            return type == 9;
        }

        boolean isAudio() {
            return type == 8;
        }
    }

    private static final class Recorder implements TsToFlv.Output {
        final List<Tag> tags = new ArrayList<>();
        final List<AVPacket> packets = new ArrayList<>();

        @Override
        public void writeTag(int tagType, long timestampMs, byte[] body) {
            tags.add(new Tag(tagType, timestampMs, body));
        }

        @Override
        public boolean wantsPackets() {
            return true;
        }

        @Override
        public void packet(AVPacket packet) {
            packets.add(packet);
        }
    }

    private static Recorder convert(String fixture) throws IOException {
        Recorder recorder = new Recorder();
        TsToFlv tags = new TsToFlv(recorder, "test");
        TsDemuxer demuxer = new TsDemuxer(tags);
        byte[] ts;
        try (InputStream in = TsToFlvTest.class.getResourceAsStream("/dev/inlet/media/ts/" + fixture)) {
            ts = in.readAllBytes();
        }
        // In SRT-sized messages: seven TS packets each.
        for (int offset = 0; offset < ts.length; offset += 1316) {
            demuxer.feed(ts, offset, Math.min(1316, ts.length - offset));
        }
        demuxer.flush();
        tags.finish();
        return recorder;
    }

    @Test
    void videoStartingBeforeItsAudioGetsOneOnMetaDataDescribingBoth() throws IOException {
        Recorder recorder = convert("gstreamer-h264-aac.ts");

        List<Tag> metadata = recorder.tags.stream().filter(tag -> tag.type() == 18).toList();
        assertThat(metadata).as("one onMetaData: a second one mid-stream makes ffmpeg's players drop the video")
                .hasSize(1);
        String text = new String(metadata.get(0).body(), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(text).contains("videocodecid", "width", "audiocodecid");
        assertThat(recorder.tags.get(0).type()).isEqualTo(18);
        assertThat(recorder.tags.stream().filter(Tag::isVideo).count()).isGreaterThanOrEqualTo(30);
        assertThat(recorder.tags).extracting(Tag::timestamp).allSatisfy(t -> assertThat(t).isNotNegative());
    }

    @Test
    void h264AndAacStartAtZeroWithTheirSequenceHeadersFirst() throws IOException {
        Recorder recorder = convert("h264-aac.ts");

        assertThat(recorder.tags.get(0).type()).as("onMetaData first").isEqualTo(18);
        assertThat(recorder.tags).extracting(Tag::timestamp).allSatisfy(t -> assertThat(t).isNotNegative());
        assertThat(recorder.tags.stream().mapToLong(Tag::timestamp).min().orElseThrow()).isZero();
        Tag firstVideo = recorder.tags.stream().filter(Tag::isVideo).findFirst().orElseThrow();
        assertThat(firstVideo.body()[0]).as("keyframe, AVC").isEqualTo((byte) 0x17);
        assertThat(firstVideo.body()[1]).as("AVC sequence header").isEqualTo((byte) 0);
        Tag firstAudio = recorder.tags.stream().filter(Tag::isAudio).findFirst().orElseThrow();
        assertThat(firstAudio.body()[0]).as("AAC").isEqualTo((byte) 0xAF);
        assertThat(firstAudio.body()[1]).as("AAC sequence header").isEqualTo((byte) 0);
        long videoFrames = recorder.tags.stream().filter(Tag::isVideo).filter(t -> t.body()[1] == 1).count();
        assertThat(videoFrames).isGreaterThan(10);
        List<Long> videoTimes = recorder.tags.stream().filter(Tag::isVideo).map(Tag::timestamp).toList();
        assertThat(videoTimes).isSorted();
    }

    @Test
    void h265GoesAsEnhancedRtmpAndOpusWithItsHead() throws IOException {
        Recorder recorder = convert("h265-opus.ts");

        Tag firstVideo = recorder.tags.stream().filter(Tag::isVideo).findFirst().orElseThrow();
        assertThat(firstVideo.body()[0] & 0x80).as("Enhanced RTMP").isNotZero();
        assertThat(firstVideo.body()[0] & 0x0f).as("SequenceStart").isZero();
        assertThat(new String(firstVideo.body(), 1, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("hvc1");
        Tag firstAudio = recorder.tags.stream().filter(Tag::isAudio).findFirst().orElseThrow();
        assertThat(new String(firstAudio.body(), 1, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("Opus");
        assertThat(firstAudio.body()[0] & 0x0f).as("SequenceStart").isZero();
    }

    @Test
    void mediaObserversGetThePacketsOnTheSameTimeline() throws IOException {
        Recorder recorder = convert("h264-aac.ts");

        assertThat(recorder.packets).isNotEmpty();
        assertThat(recorder.packets.stream().mapToLong(AVPacket::dts).min().orElseThrow()).isZero();
        assertThat(recorder.packets.get(0).kind().isVideo() || recorder.packets.get(0).kind().isAudio()).isTrue();
    }
}
