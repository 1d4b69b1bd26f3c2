package dev.inlet.media.fmp4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inlet.media.AVPacket;
import dev.inlet.media.AnnexB;
import dev.inlet.media.AvcDecoderConfiguration;
import dev.inlet.media.FrameKind;
import dev.inlet.media.MediaFormatException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;

/** When the muxer cuts fragments, writes init segments, drops frames and refuses input. */
class Fmp4MuxerTest {

    /** The h264 vector's GOP (4 frames, 133 ms) repeated {@code gops} times, one after the other. */
    private static List<AVPacket> h264Gops(int gops) {
        List<AVPacket> gop = TestTracks.h264().packets();
        List<AVPacket> all = new ArrayList<>();
        for (int i = 0; i < gops; i++) {
            long offset = i * 133L;
            gop.forEach(p -> all.add(new AVPacket(p.kind(), p.data(), p.pts() + offset, p.dts() + offset, p.keyframe(), false)));
        }
        return all;
    }

    /** AAC frames (1024 samples at 48 kHz, about 21.3 ms) covering {@code ms}, with the stream core's ms timestamps. */
    private static List<AVPacket> aacFrames(long ms) {
        byte[] frame = TestTracks.aac().packets().get(1).data();
        List<AVPacket> frames = new ArrayList<>();
        for (int i = 0; i * 1024 * 1000L / 48_000 < ms; i++) {
            long time = i * 1024 * 1000L / 48_000;
            frames.add(new AVPacket(FrameKind.AAC, frame, time, time, true, false));
        }
        return frames;
    }

    private static List<AVPacket> interleaved(List<AVPacket> a, List<AVPacket> b) {
        List<AVPacket> all = new ArrayList<>(a);
        all.addAll(b);
        all.sort(Comparator.comparingLong(AVPacket::dts));
        return all;
    }

    @Test
    void fragmentsEndBeforeEveryKeyFrameAndEachSegmentStartsIndependent() {
        Recording recording = new Recording();
        Fmp4Muxer muxer = new Fmp4Muxer(recording);
        muxer.configure(FrameKind.H264, TestTracks.h264().configuration());
        muxer.configure(FrameKind.AAC, TestTracks.aac().configuration());
        interleaved(h264Gops(3), aacFrames(399)).forEach(muxer::write);
        muxer.flush();

        assertThat(recording.inits).hasSize(1);
        assertThat(recording.inits.get(0).codecs()).contains("avc1.").endsWith(",mp4a.40.2");
        assertThat(recording.fragments).hasSize(3);
        assertThat(recording.fragments).allMatch(Fragment::independent).allMatch(f -> f.videoSamples() == 4);
        assertThat(recording.fragments.stream().map(Fragment::sequenceNumber)).containsExactly(1L, 2L, 3L);
        assertThat(recording.fragments.stream().map(Fragment::startMs)).containsExactly(0L, 133L, 266L);
        assertThat(recording.fragments.get(0).durationMs()).as("a GOP: up to the next key frame").isEqualTo(133.0);
        assertThat(recording.fragments.stream().mapToInt(Fragment::audioSamples).sum()).isEqualTo(aacFrames(399).size());
        for (Fragment fragment : recording.fragments) {
            BoxReader.Box moof = BoxReader.only(fragment.bytes(), "moof");
            List<BoxReader.Box> trafs = moof.children().stream().filter(b -> b.type().equals("traf")).toList();
            assertThat(trafs).as("a traf per track, video first").hasSize(2);
            assertThat(trafs.get(0).child("tfhd").fields().skip(4).u32()).isEqualTo(1);
            assertThat(trafs.get(1).child("tfhd").fields().skip(4).u32()).isEqualTo(2);
            List<FragmentTest.Entry> video = FragmentTest.trun(trafs.get(0).child("trun"), moof, fragment.bytes(), true);
            List<FragmentTest.Entry> audio = FragmentTest.trun(trafs.get(1).child("trun"), moof, fragment.bytes(), false);
            assertThat(audio).allMatch(entry -> entry.duration() == 1024);
            BoxReader.Box mdat = BoxReader.only(fragment.bytes(), "mdat");
            long samples = video.stream().mapToLong(FragmentTest.Entry::size).sum() + audio.stream().mapToLong(FragmentTest.Entry::size).sum();
            assertThat(samples).as("both runs fill the mdat").isEqualTo(mdat.size() - 8);
        }
    }

    @Test
    void audioDecodeTimesRunAtTheFramePaceDespiteMillisecondTimestamps() {
        Recording recording = new Recording();
        Fmp4Muxer muxer = new Fmp4Muxer(recording);
        muxer.configure(FrameKind.AAC, TestTracks.aac().configuration());
        aacFrames(2_000).forEach(muxer::write);
        muxer.flush();

        List<Long> starts = new ArrayList<>();
        for (Fragment fragment : recording.fragments) {
            BoxReader.Box traf = BoxReader.only(fragment.bytes(), "moof").child("traf");
            starts.add(traf.child("tfdt").fields().skip(4).u64());
        }
        assertThat(recording.fragments).hasSizeGreaterThan(1);
        long samplesSoFar = 0;
        for (int i = 0; i < recording.fragments.size(); i++) {
            assertThat(starts.get(i)).as("fragment " + i + " starts where the previous frames end").isEqualTo(samplesSoFar);
            samplesSoFar += recording.fragments.get(i).audioSamples() * 1024L;
        }
        assertThat(recording.fragments).allMatch(f -> f.durationMs() <= 1_000 + 21.4);
    }

    @Test
    void aGapInTheAudioMovesItsDecodeTimeToThePacketsTime() {
        Recording recording = new Recording();
        Fmp4Muxer muxer = new Fmp4Muxer(recording, new Fmp4Muxer.Settings(100, 100, 1 << 20));
        muxer.configure(FrameKind.AAC, TestTracks.aac().configuration());
        byte[] frame = TestTracks.aac().packets().get(1).data();
        muxer.write(new AVPacket(FrameKind.AAC, frame, 0, 0, true, false));
        muxer.write(new AVPacket(FrameKind.AAC, frame, 500, 500, true, false));
        muxer.flush();

        List<Long> starts = recording.fragments.stream()
                .map(f -> BoxReader.only(f.bytes(), "moof").path("traf/tfdt").fields().skip(4).u64()).toList();
        assertThat(starts).containsExactly(0L, 500L * 48);
    }

    @Test
    void twoVideoFramesInOneMillisecondGetRisingDecodeTimesAndNoZeroLengthSample() {
        Recording recording = new Recording();
        Fmp4Muxer muxer = new Fmp4Muxer(recording);
        muxer.configure(FrameKind.H264, TestTracks.h264().configuration());
        List<AVPacket> gop = TestTracks.h264().packets(); // dts 0, 34, 67, 100
        muxer.write(gop.get(0));
        AVPacket second = gop.get(1);
        // an input switch: the next frame carries the same millisecond as the one before it
        muxer.write(new AVPacket(second.kind(), second.data(), 0, 0, false, false));
        muxer.write(gop.get(2));
        muxer.flush();

        BoxReader.Box moof = BoxReader.only(recording.fragments.get(0).bytes(), "moof");
        List<FragmentTest.Entry> samples = FragmentTest.trun(moof.path("traf/trun"), moof,
                recording.fragments.get(0).bytes(), true);
        assertThat(samples).extracting(FragmentTest.Entry::duration).allMatch(duration -> duration > 0);
        assertThat(samples.get(0).duration()).as("one 90 kHz tick").isEqualTo(1);
    }

    @Test
    void aLongGopIsCutIntoPartsOfTheConfiguredDuration() {
        Recording recording = new Recording();
        Fmp4Muxer muxer = new Fmp4Muxer(recording, new Fmp4Muxer.Settings(60, 100, 1 << 20));
        muxer.configure(FrameKind.H264, TestTracks.h264().configuration());
        TestTracks.h264().packets().forEach(muxer::write); // dts 0, 34, 67, 100
        muxer.flush();

        assertThat(recording.fragments.stream().map(Fragment::videoSamples)).containsExactly(2, 2);
        assertThat(recording.fragments.stream().map(Fragment::independent)).containsExactly(true, false);
        assertThat(recording.fragments.stream().map(Fragment::startMs)).containsExactly(0L, 67L);
    }

    @Test
    void aKeyFrameWithANewSpsStartsANewInitSegmentAndARepeatedConfigurationDoesNot() {
        TestTracks h264 = TestTracks.h264();
        AvcDecoderConfiguration original = AvcDecoderConfiguration.parse(h264.configuration());
        byte[] newSps = original.sps().get(0).clone();
        newSps[3] = 40; // level 4.0: another SPS
        Recording recording = new Recording();
        Fmp4Muxer muxer = new Fmp4Muxer(recording);
        muxer.configure(FrameKind.H264, h264.configuration());
        List<AVPacket> packets = h264Gops(2);
        packets.subList(0, 4).forEach(muxer::write);
        muxer.configure(FrameKind.H264, h264.configuration());
        AVPacket keyframe = packets.get(4);
        List<byte[]> nals = new ArrayList<>(AnnexB.splitNalUnits(keyframe.data()));
        nals.replaceAll(nal -> (nal[0] & 0x1F) == 7 ? newSps : nal);
        muxer.write(new AVPacket(FrameKind.H264, AnnexB.toAnnexB(nals), keyframe.pts(), keyframe.dts(), true, true));
        packets.subList(5, 8).forEach(muxer::write);
        muxer.flush();

        assertThat(recording.inits.stream().map(InitSegment::version)).containsExactly(0, 1);
        assertThat(recording.fragments.stream().map(f -> f.init().version())).containsExactly(0, 1);
        BoxReader.Fields avcC = BoxReader.only(recording.inits.get(1).bytes(), "moov")
                .path("trak/mdia/minf/stbl/stsd").child("avc1", 8).child("avcC", 78).fields();
        assertThat(avcC.skip(3).u8()).as("the new SPS's level").isEqualTo(40);
        assertThat(recording.inits.get(1).codecs()).endsWith("28");
        assertThat(muxer.stats().initSegments()).isEqualTo(2);
    }

    @Test
    void aNewVideoCodecTakesEffectAtItsFirstKeyFrame() {
        Recording recording = new Recording();
        Fmp4Muxer muxer = new Fmp4Muxer(recording);
        muxer.configure(FrameKind.H264, TestTracks.h264().configuration());
        TestTracks.h264().packets().forEach(muxer::write);
        muxer.configure(FrameKind.H265, TestTracks.h265().configuration());
        TestTracks.h265().packets().forEach(p -> muxer.write(new AVPacket(p.kind(), p.data(), p.pts() + 133,
                p.dts() + 133, p.keyframe(), false)));
        muxer.flush();

        assertThat(recording.inits.stream().map(InitSegment::codecs).toList()).satisfiesExactly(
                first -> assertThat(first).startsWith("avc1."), second -> assertThat(second).startsWith("hvc1."));
        assertThat(recording.fragments.get(0).durationMs()).as("the last H.264 frame ends at the first H.265 one")
                .isEqualTo(133.0);
        assertThat(recording.fragments.get(1).independent()).isTrue();
    }

    @Test
    void anAudioConfigurationChangeClosesTheFragmentAndKeepsTheHeldBackVideoFrame() {
        Recording recording = new Recording();
        Fmp4Muxer muxer = new Fmp4Muxer(recording);
        muxer.configure(FrameKind.H264, TestTracks.h264().configuration());
        muxer.configure(FrameKind.AAC, TestTracks.aac().configuration());
        List<AVPacket> video = TestTracks.h264().packets();
        muxer.write(video.get(0));
        muxer.write(video.get(1));
        muxer.write(new AVPacket(FrameKind.AAC, TestTracks.aac().packets().get(1).data(), 40, 40, true, false));
        muxer.configure(FrameKind.AAC, TestTracks.aac().configuration()); // the same: nothing happens
        assertThat(recording.fragments).isEmpty();
        muxer.configure(FrameKind.OPUS, TestTracks.opus().configuration());
        muxer.write(TestTracks.opus().packets().get(2));
        muxer.write(video.get(2));
        muxer.flush();

        assertThat(recording.inits.stream().map(InitSegment::codecs).toList()).hasSize(2);
        assertThat(recording.inits.get(1).codecs()).endsWith(",Opus");
        assertThat(recording.fragments.stream().map(Fragment::videoSamples)).containsExactly(1, 2);
        assertThat(recording.fragments.stream().map(Fragment::audioSamples)).containsExactly(1, 1);
        assertThat(recording.fragments.stream().map(f -> f.init().version())).containsExactly(0, 1);
    }

    @Test
    void aTrackConfiguredWhileTheFirstFragmentFillsIsInTheFirstInitSegment() {
        Recording recording = new Recording();
        Fmp4Muxer muxer = new Fmp4Muxer(recording);
        muxer.configure(FrameKind.H264, TestTracks.h264().configuration());
        List<AVPacket> gops = h264Gops(2);
        gops.subList(0, 2).forEach(muxer::write);
        muxer.configure(FrameKind.AAC, TestTracks.aac().configuration());
        muxer.write(new AVPacket(FrameKind.AAC, TestTracks.aac().packets().get(1).data(), 40, 40, true, false));
        gops.subList(2, 8).forEach(muxer::write);
        muxer.flush();

        assertThat(recording.inits).hasSize(1);
        assertThat(recording.inits.get(0).codecs()).endsWith(",mp4a.40.2");
        assertThat(recording.fragments.stream().map(Fragment::videoSamples)).containsExactly(4, 4);
        assertThat(muxer.currentInit()).isSameAs(recording.inits.get(0));
    }

    @Test
    void audioWaitsForAnAnnouncedVideoTrackSoTheStreamStartsWithOneInitSegmentOfBoth() {
        // ffmpeg 7.1 publishing AV1: an empty video SequenceStart, audio, then the real configuration and key frame
        Recording recording = new Recording();
        Fmp4Muxer muxer = new Fmp4Muxer(recording);
        muxer.announceVideo();
        muxer.configure(FrameKind.AAC, TestTracks.aac().configuration());
        List<AVPacket> audio = aacFrames(600);
        audio.subList(0, 3).forEach(muxer::write);
        muxer.configure(FrameKind.H264, TestTracks.h264().configuration());
        interleaved(h264Gops(4), audio.subList(3, audio.size())).stream()
                .filter(packet -> packet.kind() != FrameKind.AAC || packet.dts() >= audio.get(3).dts())
                .forEach(muxer::write);
        muxer.flush();

        assertThat(recording.inits).as("no audio-only init segment first").hasSize(1);
        assertThat(recording.inits.get(0).codecs()).startsWith("avc1.").endsWith(",mp4a.40.2");
        assertThat(recording.fragments.get(0).independent()).isTrue();
        assertThat(muxer.stats().droppedFrames()).as("the audio before the video track's configuration")
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    void anAnnouncedVideoTrackThatNeverComesLeavesAnAudioOnlyStreamAfterTwoSeconds() {
        Recording recording = new Recording();
        Fmp4Muxer muxer = new Fmp4Muxer(recording);
        muxer.announceVideo();
        muxer.configure(FrameKind.AAC, TestTracks.aac().configuration());
        List<AVPacket> audio = aacFrames(4_000);
        audio.forEach(muxer::write);
        muxer.flush();

        assertThat(recording.inits).hasSize(1);
        assertThat(recording.inits.get(0).codecs()).isEqualTo("mp4a.40.2");
        assertThat(recording.fragments.get(0).startMs()).as("the first audio after the wait")
                .isBetween(Fmp4Muxer.ANNOUNCED_VIDEO_WAIT_MS - 22, Fmp4Muxer.ANNOUNCED_VIDEO_WAIT_MS + 22);
        assertThat(muxer.stats().droppedFrames()).isEqualTo(audio.stream()
                .filter(packet -> packet.dts() < Fmp4Muxer.ANNOUNCED_VIDEO_WAIT_MS).count());
    }

    @Test
    void framesBeforeTheFirstKeyFrameAreDroppedAndCounted() {
        Recording recording = new Recording();
        Fmp4Muxer muxer = new Fmp4Muxer(recording);
        muxer.configure(FrameKind.H264, TestTracks.h264().configuration());
        muxer.configure(FrameKind.AAC, TestTracks.aac().configuration());
        List<AVPacket> gops = h264Gops(2);
        muxer.write(new AVPacket(FrameKind.AAC, TestTracks.aac().packets().get(0).data(), 10, 10, true, false));
        gops.subList(1, 8).forEach(muxer::write);
        muxer.flush();

        assertThat(muxer.stats().droppedFrames()).as("three P/B frames and one audio frame").isEqualTo(4);
        assertThat(recording.fragments).hasSize(1);
        assertThat(recording.fragments.get(0).startMs()).isEqualTo(133);
        assertThat(recording.fragments.get(0).independent()).isTrue();
    }

    @Test
    void fragmentsStayWithinTheirSampleAndByteLimits() {
        Recording recording = new Recording();
        Fmp4Muxer muxer = new Fmp4Muxer(recording, new Fmp4Muxer.Settings(10_000, 3, 1 << 20));
        muxer.configure(FrameKind.AAC, TestTracks.aac().configuration());
        aacFrames(200).forEach(muxer::write); // 10 frames
        muxer.flush();

        assertThat(recording.fragments.stream().map(Fragment::audioSamples)).containsExactly(3, 3, 3, 1);

        Fmp4Muxer small = new Fmp4Muxer(new Recording(), new Fmp4Muxer.Settings(1_000, 100, 1024));
        small.configure(FrameKind.H264, TestTracks.h264().configuration());
        AVPacket keyframe = TestTracks.h264().packets().get(0);
        small.write(keyframe);
        assertThatThrownBy(() -> small.write(TestTracks.h264().packets().get(1)))
                .isInstanceOf(MediaFormatException.class).hasMessageContaining("larger than a fragment may be (1024 bytes)");
    }

    @Test
    void unconfiguredTracksAndUnsupportedCodecsAreRefusedDataIsIgnored() {
        Recording recording = new Recording();
        Fmp4Muxer muxer = new Fmp4Muxer(recording);
        AVPacket video = TestTracks.h264().packets().get(0);
        assertThatThrownBy(() -> muxer.write(video)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("H264 frame before its track was configured");
        assertThatThrownBy(() -> muxer.write(new AVPacket(FrameKind.MP3, new byte[] {1}, 0, 0, true, false)))
                .isInstanceOf(MediaFormatException.class);
        assertThatThrownBy(() -> muxer.configure(FrameKind.MP3, new byte[0])).isInstanceOf(MediaFormatException.class);
        muxer.write(new AVPacket(FrameKind.DATA, new byte[] {2}, 0, 0, true, false));
        muxer.flush();
        assertThat(recording.inits).isEmpty();
        assertThat(recording.fragments).isEmpty();
        assertThat(Fmp4Muxer.canCarry(FrameKind.VP9)).isTrue();
        assertThatThrownBy(() -> new Fmp4Muxer.Settings(10, 100, 1 << 20)).isInstanceOf(IllegalArgumentException.class);
    }
}
