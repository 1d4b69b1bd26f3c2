package dev.inlet.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parsers against real encoder output (src/test/resources/media, see its README). */
class EncoderVectorsTest {

    @Test
    void hevcMainFromX265() {
        List<FlvReader.Tag> video = videoTags("hevc-main.flv");
        FlvVideoTag start = FlvVideoTag.parse(video.get(0).body());
        assertThat(start.frameKind()).contains(FrameKind.H265);
        assertThat(start.isSequenceHeader()).isTrue();
        HevcDecoderConfiguration hvcc = HevcDecoderConfiguration.parse(start.tracks().get(0).data(video.get(0).body()));
        assertThat(hvcc.profile()).isEqualTo(1);
        assertThat(hvcc.vps()).hasSize(1);
        assertThat(hvcc.sps()).hasSize(1);
        assertThat(hvcc.pps()).hasSize(1);
        assertThat(HevcDecoderConfiguration.parse(hvcc.toBytes()).parameterSets())
                .usingElementComparator(java.util.Arrays::compare).containsExactlyElementsOf(hvcc.parameterSets());
        HevcSps sps = hvcc.firstSps();
        assertThat(sps.width()).isEqualTo(320);
        assertThat(sps.height()).isEqualTo(240);
        assertThat(sps.bitDepthLuma()).isEqualTo(8);
        assertThat(sps.chromaFormat()).isEqualTo(1);
        assertThat(sps.frameRate()).isEqualTo(25.0);

        FlvVideoTag metadata = FlvVideoTag.parse(video.get(1).body());
        assertThat(metadata.exPacketType()).isEqualTo(FlvVideoTag.PACKET_METADATA);
        assertThat(metadata.isCommandFrame()).isFalse();
        assertThat(metadata.isCodedFrame()).isFalse();

        FlvToAvPacket converter = new FlvToAvPacket();
        assertThat(converter.video(video.get(0).body(), 0)).isNull();
        AVPacket key = converter.video(video.get(2).body(), video.get(2).timestamp());
        assertThat(key.kind()).isEqualTo(FrameKind.H265);
        assertThat(key.keyframe()).isTrue();
        List<byte[]> nals = AnnexB.splitNalUnits(key.data());
        assertThat(nals.stream().map(nal -> (nal[0] >> 1) & 0x3F).toList()).as("VPS, SPS, PPS before the IRAP")
                .startsWith(32, 33, 34);
        AVPacket inter = converter.video(video.get(3).body(), video.get(3).timestamp());
        assertThat(inter.keyframe()).isFalse();
    }

    @Test
    void hevcMain10FromX265() {
        List<FlvReader.Tag> video = videoTags("hevc-main10.flv");
        FlvVideoTag start = FlvVideoTag.parse(video.get(0).body());
        HevcSps sps = HevcDecoderConfiguration.parse(start.tracks().get(0).data(video.get(0).body())).firstSps();
        assertThat(sps.profile()).isEqualTo(2);
        assertThat(sps.bitDepthLuma()).isEqualTo(10);
        assertThat(sps.width()).isEqualTo(320);
        assertThat(sps.frameRate()).isEqualTo(30.0);
    }

    @Test
    void av1FromLibaom() {
        List<FlvReader.Tag> video = videoTags("av1.flv");
        // ffmpeg sends an empty SequenceStart first, then the av1C record
        FlvVideoTag config = FlvVideoTag.parse(video.get(1).body());
        assertThat(config.frameKind()).contains(FrameKind.AV1);
        assertThat(config.isSequenceHeader()).isTrue();
        Av1CodecConfiguration av1c = Av1CodecConfiguration.parse(config.tracks().get(0).data(video.get(1).body()));
        assertThat(av1c.profile()).isZero();
        assertThat(av1c.bitDepth()).isEqualTo(8);
        assertThat(av1c.chromaFormat()).isEqualTo(1);
        Av1SequenceHeader header = av1c.sequenceHeader().orElseThrow();
        assertThat(header.width()).isEqualTo(176);
        assertThat(header.height()).isEqualTo(144);
        assertThat(Av1CodecConfiguration.parse(av1c.toBytes())).isEqualTo(av1c);

        FlvToAvPacket converter = new FlvToAvPacket();
        converter.video(video.get(0).body(), 0);
        converter.video(video.get(1).body(), 0);
        AVPacket key = converter.video(video.get(3).body(), 0);
        assertThat(key.kind()).isEqualTo(FrameKind.AV1);
        assertThat(key.keyframe()).isTrue();
        assertThat(Av1Obus.containsSequenceHeader(key.data())).isTrue();
    }

    @Test
    void vp9FromLibvpx() {
        List<FlvReader.Tag> video = videoTags("vp9.flv");
        FlvVideoTag start = FlvVideoTag.parse(video.get(0).body());
        Vp9CodecConfiguration vpcc = Vp9CodecConfiguration.parse(start.tracks().get(0).data(video.get(0).body()));
        assertThat(vpcc.profile()).isZero();
        assertThat(vpcc.bitDepth()).isEqualTo(8);
        assertThat(vpcc.chromaFormat()).isEqualTo(1);
        FlvVideoTag key = FlvVideoTag.parse(video.get(2).body());
        assertThat(key.isKeyframe()).isTrue();
        Vp9FrameHeader header = Vp9FrameHeader.parse(key.tracks().get(0).data(video.get(2).body())).orElseThrow();
        assertThat(header.keyframe()).isTrue();
        assertThat(header.width()).isEqualTo(192);
        assertThat(header.height()).isEqualTo(108);
    }

    @Test
    void h264HighWithBFramesFromX264() {
        List<FlvReader.Tag> video = videoTags("h264-high.flv");
        FlvVideoTag start = FlvVideoTag.parse(video.get(0).body());
        AvcSps sps = AvcDecoderConfiguration.parse(start.tracks().get(0).data(video.get(0).body())).firstSps();
        assertThat(sps.profile()).isEqualTo(100);
        assertThat(sps.width()).isEqualTo(640);
        assertThat(sps.height()).isEqualTo(360);
        assertThat(sps.frameRate()).isEqualTo(30.0);
        boolean anyCompositionOffset = video.stream().skip(1)
                .anyMatch(tag -> FlvVideoTag.parse(tag.body()).compositionTime() != 0);
        assertThat(anyCompositionOffset).as("B-frames give composition offsets").isTrue();
    }

    @Test
    void aacLcFromFfmpegWithBackwardCompatibleSbrSignalling() {
        FlvReader.Tag header = audioTags("aac-lc.flv").get(0);
        FlvAudioTag tag = FlvAudioTag.parse(header.body());
        AacConfigDetails details = AacConfigDetails.parse(tag.tracks().get(0).data(header.body()));
        assertThat(details).isEqualTo(new AacConfigDetails(2, 2, 48000, 48000, 2, false, false));
        assertThat(details.profileName()).isEqualTo("LC");
    }

    @Test
    void heAacAndHeAacV2WrittenOutFromTheSpecification() {
        // AOT 5 (SBR), core 22050 Hz, stereo, extension 44100 Hz, core AOT 2
        assertThat(AacConfigDetails.parse(Hex.bytes("2B 92 08 00")))
                .isEqualTo(new AacConfigDetails(5, 2, 22050, 44100, 2, true, false));
        // AOT 29 (PS), core 22050 Hz, mono core, extension 44100 Hz: parametric stereo outputs two channels
        AacConfigDetails ps = AacConfigDetails.parse(Hex.bytes("EB 8A 08 00"));
        assertThat(ps.ps()).isTrue();
        assertThat(ps.outputSampleRate()).isEqualTo(44100);
        assertThat(ps.channels()).isEqualTo(2);
        assertThat(ps.profileName()).isEqualTo("HE-AACv2");
        // explicit frequency escape: index 15 then 24 bits (AOT 2, 30000 Hz, mono)
        AacConfigDetails explicit = AacConfigDetails.parse(Hex.bytes("17 80 3A 98 08"));
        assertThat(explicit.sampleRate()).isEqualTo(30000);
        assertThat(explicit.channels()).isEqualTo(1);
    }

    @Test
    void mp3FromLame() {
        FlvReader.Tag first = audioTags("mp3.flv").get(0);
        FlvAudioTag tag = FlvAudioTag.parse(first.body());
        assertThat(tag.frameKind()).contains(FrameKind.MP3);
        Mp3FrameHeader header = Mp3FrameHeader.parse(first.body(), tag.payloadOffset());
        assertThat(header).isEqualTo(new Mp3FrameHeader(1, 3, 64, 44100, 1));
    }

    @Test
    void opusHeadFromLibopus() throws IOException {
        OpusHead head = OpusHead.parse(resource("opus-head.bin"));
        assertThat(head.channels()).isEqualTo(2);
        assertThat(head.preSkip()).isEqualTo(312);
        assertThat(head.inputSampleRate()).isEqualTo(48000);
    }

    @Test
    void trackPanelDescribesEveryVector() {
        assertThat(panelFor("hevc-main.flv")).extracting(TrackInfo::codec, TrackInfo::profile, TrackInfo::width,
                TrackInfo::height, TrackInfo::frameRate).containsExactly("h265", "Main", 320, 240, 25.0);
        assertThat(panelFor("av1.flv")).extracting(TrackInfo::codec, TrackInfo::width, TrackInfo::height)
                .containsExactly("av1", 176, 144);
        assertThat(panelFor("vp9.flv")).extracting(TrackInfo::codec, TrackInfo::width, TrackInfo::height,
                TrackInfo::frameRate).containsExactly("vp9", 192, 108, 25.0);
        assertThat(panelFor("aac-lc.flv")).extracting(TrackInfo::codec, TrackInfo::sampleRate, TrackInfo::channels)
                .containsExactly("aac", 48000, 2);
        assertThat(panelFor("mp3.flv")).extracting(TrackInfo::codec, TrackInfo::sampleRate, TrackInfo::channels)
                .containsExactly("mp3", 44100, 1);
    }

    private static TrackInfo panelFor(String name) {
        TrackPanel panel = new TrackPanel();
        for (FlvReader.Tag tag : file(name).tags()) {
            if (tag.type() == 9) {
                panel.onVideo(FlvVideoTag.parse(tag.body()), tag.timestamp());
            } else if (tag.type() == 8) {
                panel.onAudio(FlvAudioTag.parse(tag.body()), tag.timestamp());
            }
        }
        List<TrackInfo> tracks = panel.snapshot();
        assertThat(tracks).hasSize(1);
        assertThat(tracks.get(0).bitrateKbps()).isPositive();
        return tracks.get(0);
    }

    private static List<FlvReader.Tag> videoTags(String name) {
        return file(name).tags().stream().filter(tag -> tag.type() == 9).toList();
    }

    private static List<FlvReader.Tag> audioTags(String name) {
        return file(name).tags().stream().filter(tag -> tag.type() == 8).toList();
    }

    private static FlvReader.FlvFile file(String name) {
        try {
            return FlvReader.read(resource(name));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = EncoderVectorsTest.class.getResourceAsStream("/media/" + name)) {
            if (in == null) {
                throw new AssertionError("missing test vector " + name);
            }
            return in.readAllBytes();
        }
    }
}
