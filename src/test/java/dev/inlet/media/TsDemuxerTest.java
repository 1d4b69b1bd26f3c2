package dev.inlet.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The demuxer on real TS written by ffmpeg, checked against ffprobe's reading of the same files. */
class TsDemuxerTest {

    private static final int VIDEO_PID = 0x100;
    private static final int AUDIO_PID = 0x101;

    @Test
    void h264FramesMatchFfprobeOneForOne() {
        TsRecording recording = TsRecording.demux(TsRecording.fixture("h264-aac.ts"));
        List<AVPacket> video = recording.framesOf(VIDEO_PID);
        List<TsFfprobePackets.Row> expected = TsFfprobePackets.of("h264-aac.ffprobe.csv").ofStream(0);

        assertThat(video).hasSize(50).hasSameSizeAs(expected);
        for (int i = 0; i < video.size(); i++) {
            AVPacket frame = video.get(i);
            assertThat(frame.kind()).isEqualTo(FrameKind.H264);
            assertThat(frame.pts()).as("pts of frame %d", i).isEqualTo(expected.get(i).ptsMillis());
            assertThat(frame.dts()).as("dts of frame %d", i).isEqualTo(expected.get(i).dtsMillis());
            assertThat(frame.keyframe()).as("keyframe flag of frame %d", i).isEqualTo(expected.get(i).keyframe());
        }
        assertThat(video.get(0).pts()).isEqualTo(1480);
        assertThat(video.get(0).dts()).isEqualTo(1400);
        assertThat(video.get(11).pts()).isEqualTo(2000); // a reordered picture: presented after the next two decoded
        assertThat(video.get(11).dts()).isEqualTo(1840);
        assertThat(keyframeIndexes(video)).containsExactly(0, 25);
        assertThat(video).extracting(AVPacket::dts).isSorted();
    }

    @Test
    void h264KeyframesStartWithTheirParameterSetsAndTheConfigurationMatchesTheSps() {
        TsRecording recording = TsRecording.demux(TsRecording.fixture("h264-aac.ts"));

        TsTrack track = recording.tracks.stream().filter(t -> t.kind() == FrameKind.H264).findFirst().orElseThrow();
        assertThat(track.pid()).isEqualTo(VIDEO_PID);
        assertThat(track.programNumber()).isEqualTo(1);
        AvcDecoderConfiguration config = track.avcConfig();
        AvcSps sps = config.firstSps();
        assertThat(sps.width()).isEqualTo(160);
        assertThat(sps.height()).isEqualTo(120);
        assertThat(config.profile()).isEqualTo(100).isEqualTo(sps.profile()); // High
        assertThat(config.pps()).hasSize(1);

        for (AVPacket keyframe : recording.framesOf(VIDEO_PID).stream().filter(AVPacket::keyframe).toList()) {
            List<Integer> types = AnnexB.splitNalUnits(keyframe.data()).stream().map(AvcNalUnit::type).toList();
            assertThat(types).containsSubsequence(AvcNalUnit.SPS, AvcNalUnit.PPS, AvcNalUnit.IDR_SLICE);
            assertThat(AnnexB.splitNalUnits(keyframe.data()).get(types.indexOf(AvcNalUnit.SPS))).isEqualTo(config.sps().get(0));
        }
        assertThat(recording.tracks).as("one configuration, reported once").hasSize(2);
    }

    @Test
    void aacFramesAreRawWithTheirConfigAndOneTimestampEach() {
        TsRecording recording = TsRecording.demux(TsRecording.fixture("h264-aac.ts"));
        List<AVPacket> audio = recording.framesOf(AUDIO_PID);
        List<TsFfprobePackets.Row> expected = TsFfprobePackets.of("h264-aac.ffprobe.csv").ofStream(1);

        TsTrack track = recording.tracks.stream().filter(t -> t.kind() == FrameKind.AAC).findFirst().orElseThrow();
        assertThat(track.aacConfig()).isEqualTo(new AudioSpecificConfig(AudioSpecificConfig.AAC_LC, 48_000, 2));
        assertThat(audio).hasSize(95).hasSameSizeAs(expected);
        for (int i = 0; i < audio.size(); i++) {
            assertThat(audio.get(i).pts()).as("pts of AAC frame %d", i).isEqualTo(expected.get(i).ptsMillis());
            assertThat(audio.get(i).keyframe()).isTrue();
            assertThat(AdtsHeader.startsWithSyncWord(audio.get(i).data(), 0)).as("ADTS header removed").isFalse();
        }
        assertThat(audio.get(0).pts()).isEqualTo(1458); // 131280 / 90
        assertThat(audio.get(1).pts()).isEqualTo(1480); // + 1024 samples at 48 kHz
        assertThat(audio).extracting(AVPacket::pts).isSorted();
    }

    @Test
    void h265FramesIrapKeyframesAndTheConfigurationFromVpsSpsPps() {
        TsRecording recording = TsRecording.demux(TsRecording.fixture("h265-opus.ts"));
        List<AVPacket> video = recording.framesOf(VIDEO_PID);
        List<TsFfprobePackets.Row> expected = TsFfprobePackets.of("h265-opus.ffprobe.csv").ofStream(0);

        assertThat(video).hasSize(50).hasSameSizeAs(expected);
        for (int i = 0; i < video.size(); i++) {
            assertThat(video.get(i).kind()).isEqualTo(FrameKind.H265);
            assertThat(video.get(i).pts()).as("pts of frame %d", i).isEqualTo(expected.get(i).ptsMillis());
            assertThat(video.get(i).dts()).as("dts of frame %d", i).isEqualTo(expected.get(i).dtsMillis());
            assertThat(video.get(i).keyframe()).as("keyframe flag of frame %d", i).isEqualTo(expected.get(i).keyframe());
        }
        assertThat(keyframeIndexes(video)).containsExactly(0, 25);

        TsTrack track = recording.tracks.stream().filter(t -> t.kind() == FrameKind.H265).findFirst().orElseThrow();
        HevcDecoderConfiguration config = track.hevcConfig();
        assertThat(config.vps()).hasSize(1);
        assertThat(config.pps()).hasSize(1);
        HevcSps sps = config.firstSps();
        assertThat(sps.width()).isEqualTo(160);
        assertThat(sps.height()).isEqualTo(120);
        assertThat(config.profile()).isEqualTo(1).isEqualTo(sps.profile()); // Main
        for (AVPacket keyframe : video.stream().filter(AVPacket::keyframe).toList()) {
            List<Integer> types = AnnexB.splitNalUnits(keyframe.data()).stream().map(nal -> (nal[0] >> 1) & 0x3F).toList();
            assertThat(types).containsSubsequence(HevcDecoderConfiguration.NAL_VPS, HevcDecoderConfiguration.NAL_SPS,
                    HevcDecoderConfiguration.NAL_PPS);
        }
    }

    @Test
    void opusPacketsComeOutOfTheirControlHeadersWithPerPacketTimestamps() {
        TsRecording recording = TsRecording.demux(TsRecording.fixture("h265-opus.ts"));
        List<AVPacket> audio = recording.framesOf(AUDIO_PID);
        List<TsFfprobePackets.Row> expected = TsFfprobePackets.of("h265-opus.ffprobe.csv").ofStream(1);

        TsTrack track = recording.tracks.stream().filter(t -> t.kind() == FrameKind.OPUS).findFirst().orElseThrow();
        assertThat(track.opusHead().channels()).isEqualTo(2);
        assertThat(track.opusHead().mappingFamily()).isZero();
        assertThat(audio).hasSize(101).hasSameSizeAs(expected);
        for (int i = 0; i < audio.size(); i++) {
            assertThat(audio.get(i).kind()).isEqualTo(FrameKind.OPUS);
            assertThat(audio.get(i).pts()).as("pts of Opus packet %d", i).isEqualTo(expected.get(i).ptsMillis());
            assertThat(OpusAudioStream.packetSamples(audio.get(i).data())).isEqualTo(960); // 20 ms at 48 kHz
        }
        assertThat(audio.get(0).pts()).isEqualTo(1473); // 132615 / 90
    }

    @Test
    void streamsOfOtherTypesAreReportedAndSkipped() {
        TsRecording recording = TsRecording.demux(TsRecording.fixture("h264-aac-mp2.ts"));

        assertThat(recording.skipped).containsExactly(new TsRecording.Skipped(1, 0x102, 0x03)); // MPEG-1 audio
        assertThat(recording.frames).extracting(TsRecording.Frame::pid).doesNotContain(0x102);
        assertThat(recording.framesOf(VIDEO_PID)).hasSize(25);
        assertThat(recording.framesOf(AUDIO_PID)).hasSize(45);
        TsTrack aac = recording.tracks.stream().filter(t -> t.kind() == FrameKind.AAC).findFirst().orElseThrow();
        assertThat(aac.aacConfig()).isEqualTo(new AudioSpecificConfig(AudioSpecificConfig.AAC_LC, 44_100, 1));
    }

    @Test
    void aNewConfigurationMidStreamIsReportedAndFlagsItsFirstFrame() {
        // An encoder restarting with another picture size and audio format behind the same PIDs (like a reconnecting
        // SRT caller whose PAT and PMT do not change).
        TsRecording recording = new TsRecording();
        TsDemuxer demuxer = new TsDemuxer(recording);
        demuxer.feed(TsRecording.fixture("h264-aac.ts"));
        demuxer.feed(TsRecording.fixture("h264-aac-240x160.ts"));
        demuxer.flush();

        assertThat(recording.tracks).extracting(TsTrack::kind)
                .containsExactly(FrameKind.H264, FrameKind.AAC, FrameKind.H264, FrameKind.AAC);
        assertThat(recording.tracks.get(2).avcConfig().firstSps().width()).isEqualTo(240);
        assertThat(recording.tracks.get(3).aacConfig()).isEqualTo(new AudioSpecificConfig(AudioSpecificConfig.AAC_LC, 44_100, 1));

        List<AVPacket> video = recording.framesOf(VIDEO_PID);
        List<AVPacket> flagged = video.stream().filter(AVPacket::discontinuity).toList();
        assertThat(flagged).hasSize(1);
        AVPacket first = flagged.get(0);
        assertThat(first.keyframe()).isTrue();
        assertThat(video.subList(video.indexOf(first), video.size())).hasSize(10);
        assertThat(AnnexB.splitNalUnits(first.data())).contains(recording.tracks.get(2).avcConfig().sps().get(0));
        assertThat(recording.framesOf(AUDIO_PID).stream().filter(AVPacket::discontinuity)).hasSize(1);
    }

    @Test
    void countersOfACleanStreamShowNoDamage() {
        byte[] ts = TsRecording.fixture("h264-aac.ts");
        TsDemuxer demuxer = new TsDemuxer(new TsRecording());
        demuxer.feed(ts);
        demuxer.flush();

        assertThat(demuxer.stats()).isEqualTo(new TsDemuxer.Stats(ts.length / TsPacket.SIZE, 0, 0, 0, 0, 0, 0));
    }

    static List<Integer> keyframeIndexes(List<AVPacket> frames) {
        return java.util.stream.IntStream.range(0, frames.size()).filter(i -> frames.get(i).keyframe()).boxed().toList();
    }
}
