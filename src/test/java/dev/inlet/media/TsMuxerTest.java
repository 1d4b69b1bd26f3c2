package dev.inlet.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The muxer's output read back by the project's own demuxer, and its TS structure checked packet by packet. */
class TsMuxerTest {

    private static final int PAT_PID = 0;

    @ParameterizedTest
    @ValueSource(strings = {"h264-aac.ts", "h265-opus.ts", "h264-aac-240x160.ts"})
    void demuxedFixtureMuxedAndDemuxedAgainGivesTheSameTracksAndFrames(String fixture) {
        TsRecording original = TsRecording.demux(TsRecording.fixture(fixture));

        TsRecording again = TsRecording.demux(TsMuxing.of(original).bytes());

        Map<Integer, TsTrack> originalTracks = TsMuxing.lastTrackPerPid(original);
        Map<Integer, TsTrack> tracksAgain = TsMuxing.lastTrackPerPid(again);
        assertThat(tracksAgain.values()).extracting(TsTrack::kind)
                .containsExactlyElementsOf(originalTracks.values().stream().map(TsTrack::kind).toList());
        for (TsTrack track : originalTracks.values()) {
            TsTrack muxed = trackOf(tracksAgain, track.kind());
            assertThat(muxed.configuration()).as("%s configuration", track.kind()).isEqualTo(track.configuration());
            List<AVPacket> expected = framesOf(original, track.kind());
            assertThat(framesOf(again, track.kind())).as("%s frames", track.kind())
                    .hasSize(expected.size()).containsExactlyElementsOf(expected);
        }
        assertThat(again.skipped).isEmpty();
    }

    @Test
    void streamsGoOnTheirPidsWithTheirStreamTypes() {
        TsRecording again = TsRecording.demux(TsMuxing.of(TsRecording.demux(TsRecording.fixture("h265-opus.ts"))).bytes());

        assertThat(again.tracks).extracting(TsTrack::pid, TsTrack::kind)
                .containsExactlyInAnyOrder(tuple(TsMuxer.VIDEO_PID, FrameKind.H265),
                        tuple(TsMuxer.AUDIO_PID, FrameKind.OPUS));
    }

    @Test
    void everyPacketIs188BytesWithTheSyncByteAndUnitsAreSevenPacketsButTheLast() {
        TsMuxing muxing = TsMuxing.of(TsRecording.demux(TsRecording.fixture("h264-aac.ts")));

        assertThat(muxing.units).hasSizeGreaterThan(10);
        for (int i = 0; i < muxing.units.size() - 1; i++) {
            assertThat(muxing.units.get(i)).as("unit %d", i).hasSize(TsMuxer.UNIT_SIZE).hasSize(1316);
        }
        byte[] last = muxing.units.get(muxing.units.size() - 1);
        assertThat(last.length % TsPacket.SIZE).isZero();
        assertThat(last.length).isBetween(TsPacket.SIZE, 1316);
        for (byte[] packet : muxing.packets()) {
            assertThat(packet[0] & 0xFF).isEqualTo(0x47);
            assertThat(TsPacket.parse(packet, 0)).as("a packet the demuxer accepts").isNotNull();
        }
    }

    @Test
    void continuityCountersRiseModulo16PerPidOverPayloadPackets() {
        TsMuxing muxing = TsMuxing.of(TsRecording.demux(TsRecording.fixture("h264-aac.ts")));

        Map<Integer, Integer> last = new HashMap<>();
        Map<Integer, Integer> counted = new HashMap<>();
        for (byte[] bytes : muxing.packets()) {
            TsPacket packet = TsPacket.parse(bytes, 0);
            Integer previous = last.get(packet.pid());
            int expected = !packet.hasPayload() ? (previous == null ? 15 : previous)
                    : previous == null ? 0 : (previous + 1) & 0x0F;
            assertThat(packet.continuityCounter()).as("counter on PID %d", packet.pid()).isEqualTo(expected);
            last.put(packet.pid(), packet.continuityCounter());
            counted.merge(packet.pid(), 1, Integer::sum);
        }
        assertThat(counted.keySet()).containsExactlyInAnyOrder(PAT_PID, TsMuxer.PMT_PID, TsMuxer.VIDEO_PID, TsMuxer.AUDIO_PID);
        assertThat(counted.get(TsMuxer.VIDEO_PID)).isGreaterThan(16);
        assertThat(TsRecording.demux(muxing.bytes())).extracting(r -> r.frames.size()).isNotEqualTo(0);
    }

    @Test
    void patAndPmtSectionsCarryAValidCrcAndDescribeTheProgram() {
        TsMuxing muxing = TsMuxing.of(TsRecording.demux(TsRecording.fixture("h264-aac.ts")));

        byte[] pat = firstSection(muxing.packets(), PAT_PID);
        byte[] pmt = firstSection(muxing.packets(), TsMuxer.PMT_PID);

        assertThat(MpegCrc32.compute(pat, 0, pat.length)).as("CRC over the PAT including its CRC").isZero();
        assertThat(MpegCrc32.compute(pmt, 0, pmt.length)).as("CRC over the PMT including its CRC").isZero();
        assertThat(pat[0]).isEqualTo((byte) 0x00);
        assertThat((pat[10] & 0x1F) << 8 | (pat[11] & 0xFF)).as("PMT PID in the PAT").isEqualTo(TsMuxer.PMT_PID);
        assertThat(pmt[0]).isEqualTo((byte) 0x02);
        assertThat((pmt[8] & 0x1F) << 8 | (pmt[9] & 0xFF)).as("PCR PID").isEqualTo(TsMuxer.VIDEO_PID);
        assertThat(pmt[12]).as("first stream_type").isEqualTo((byte) 0x1B);
        assertThat(pmt[17]).as("second stream_type").isEqualTo((byte) 0x0F);
    }

    @Test
    void psiPrecedesEveryKeyframeAndRepeatsWithin100Milliseconds() {
        TsRecording original = TsRecording.demux(TsRecording.fixture("h264-aac.ts"));
        TsMuxing muxing = TsMuxing.of(original);

        List<byte[]> packets = muxing.packets();
        int lastPmt = -1;
        long lastPsiPcr = 0;
        int keyframes = 0;
        long worstPsiGap = 0;
        long pcr = -1;
        for (int i = 0; i < packets.size(); i++) {
            TsPacket packet = TsPacket.parse(packets.get(i), 0);
            if (packet.pcr() >= 0) {
                pcr = packet.pcr() / 300;
            }
            if (packet.pid() == TsMuxer.PMT_PID) {
                lastPmt = i;
                lastPsiPcr = pcr;
            }
            if (packet.pid() == TsMuxer.VIDEO_PID && packet.randomAccess()) {
                keyframes++;
                assertThat(lastPmt).as("PMT shortly before the keyframe at packet %d", i).isBetween(i - 2, i - 1);
                assertThat(TsPacket.parse(packets.get(lastPmt - 1), 0).pid()).isEqualTo(PAT_PID);
            }
            if (pcr >= 0 && lastPsiPcr >= 0) {
                worstPsiGap = Math.max(worstPsiGap, pcr - lastPsiPcr);
            }
        }
        assertThat(keyframes).isEqualTo((int) original.framesOf(0x100).stream().filter(AVPacket::keyframe).count()).isEqualTo(2);
        assertThat(worstPsiGap).as("90 kHz ticks between PSI").isLessThanOrEqualTo(100 * 90 + 40 * 90);
    }

    @Test
    void pcrComesAtLeastEvery40MillisecondsAndNeverGoesBack() {
        TsMuxing muxing = TsMuxing.of(TsRecording.demux(TsRecording.fixture("h264-aac.ts")));

        List<Long> pcrs = new ArrayList<>();
        for (byte[] bytes : muxing.packets()) {
            TsPacket packet = TsPacket.parse(bytes, 0);
            if (packet.pcr() >= 0) {
                assertThat(packet.pid()).isEqualTo(TsMuxer.VIDEO_PID);
                pcrs.add(packet.pcr());
            }
        }
        assertThat(pcrs).hasSizeGreaterThan(40).isSorted();
        for (int i = 1; i < pcrs.size(); i++) {
            assertThat(pcrs.get(i) - pcrs.get(i - 1)).as("27 MHz ticks between PCR %d and %d", i - 1, i)
                    .isLessThanOrEqualTo(40L * 27_000);
        }
        assertThat(TsPacket.parse(muxing.packets().get(2), 0).pcr()).as("the first video packet has a PCR").isNotNegative();
    }

    @Test
    void audioOnlyStreamCarriesThePcrOnTheAudioPid() {
        TsRecording original = TsRecording.demux(TsRecording.fixture("h264-aac.ts"));
        TsMuxing muxing = new TsMuxing();
        TsTrack aac = trackOf(TsMuxing.lastTrackPerPid(original), FrameKind.AAC);
        muxing.muxer.onTrack(aac);
        framesOf(original, FrameKind.AAC).forEach(muxing.muxer::write);
        muxing.muxer.flush();

        List<Long> pcrPids = muxing.packets().stream().map(bytes -> TsPacket.parse(bytes, 0))
                .filter(packet -> packet.pcr() >= 0).map(packet -> (long) packet.pid()).distinct().toList();
        assertThat(pcrPids).containsExactly((long) TsMuxer.AUDIO_PID);
        assertThat(framesOf(TsRecording.demux(muxing.bytes()), FrameKind.AAC)).containsExactlyElementsOf(framesOf(original, FrameKind.AAC));
    }

    @Test
    void keyframeWithoutDelimiterAndParameterSetsGetsBothFromTheConfiguration() {
        TsRecording original = TsRecording.demux(TsRecording.fixture("h264-aac.ts"));
        TsTrack video = trackOf(TsMuxing.lastTrackPerPid(original), FrameKind.H264);
        AVPacket keyframe = framesOf(original, FrameKind.H264).get(0);
        List<byte[]> slices = AnnexB.splitNalUnits(keyframe.data()).stream()
                .filter(nal -> AvcNalUnit.type(nal) != AvcNalUnit.SPS && AvcNalUnit.type(nal) != AvcNalUnit.PPS
                        && AvcNalUnit.type(nal) != AvcNalUnit.ACCESS_UNIT_DELIMITER).toList();
        AVPacket bare = new AVPacket(FrameKind.H264, AnnexB.toAnnexB(slices), keyframe.pts(), keyframe.dts(), true, false);
        TsMuxing muxing = new TsMuxing();
        muxing.muxer.onTrack(video);
        muxing.muxer.write(bare);
        muxing.muxer.flush();

        AVPacket demuxed = TsRecording.demux(muxing.bytes()).framesOf(TsMuxer.VIDEO_PID).get(0);
        List<Integer> types = AnnexB.splitNalUnits(demuxed.data()).stream().map(AvcNalUnit::type).toList();
        assertThat(types.get(0)).isEqualTo(AvcNalUnit.ACCESS_UNIT_DELIMITER);
        assertThat(types).containsSubsequence(AvcNalUnit.SPS, AvcNalUnit.PPS, AvcNalUnit.IDR_SLICE);
        assertThat(demuxed.keyframe()).isTrue();
        assertThat(demuxed.pts()).isEqualTo(keyframe.pts());
    }

    @Test
    void codecsATsCannotCarryAreRefusedAndMetadataIsIgnored() {
        TsMuxing muxing = new TsMuxing();

        assertThat(TsMuxer.canCarry(FrameKind.VP9)).isFalse();
        assertThat(TsMuxer.canCarry(FrameKind.H265)).isTrue();
        assertThatThrownBy(() -> muxing.muxer.configure(FrameKind.VP9, new byte[8]))
                .isInstanceOf(MediaFormatException.class).hasMessageContaining("VP9");
        assertThatThrownBy(() -> muxing.muxer.write(new AVPacket(FrameKind.AV1, new byte[10], 0, 0, true, false)))
                .isInstanceOf(MediaFormatException.class).hasMessageContaining("AV1");
        assertThatThrownBy(() -> muxing.muxer.write(new AVPacket(FrameKind.H264, new byte[] {0, 0, 0, 1, 9, -16}, 0, 0, true, false)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> muxing.muxer.configure(FrameKind.AAC, new AudioSpecificConfig(5, 48_000, 2).toBytes()))
                .isInstanceOf(MediaFormatException.class).hasMessageContaining("ADTS");

        muxing.muxer.write(new AVPacket(FrameKind.DATA, new byte[] {2, 0, 1, 'x'}, 0, 0, true, false));
        muxing.muxer.flush();
        assertThat(muxing.units).isEmpty();
    }

    @Test
    void addingAudioLaterRaisesThePmtVersion() {
        TsRecording original = TsRecording.demux(TsRecording.fixture("h264-aac.ts"));
        Map<Integer, TsTrack> tracks = TsMuxing.lastTrackPerPid(original);
        TsMuxing muxing = new TsMuxing();
        muxing.muxer.onTrack(trackOf(tracks, FrameKind.H264));
        framesOf(original, FrameKind.H264).subList(0, 5).forEach(muxing.muxer::write);
        muxing.muxer.onTrack(trackOf(tracks, FrameKind.AAC));
        framesOf(original, FrameKind.AAC).subList(5, 10).forEach(muxing.muxer::write);
        muxing.muxer.flush();

        List<Integer> versions = new ArrayList<>();
        for (byte[] bytes : muxing.packets()) {
            TsPacket packet = TsPacket.parse(bytes, 0);
            if (packet.pid() == TsMuxer.PMT_PID) {
                int version = (packet.payloadByte(6) >> 1) & 0x1F;
                if (versions.isEmpty() || versions.get(versions.size() - 1) != version) {
                    versions.add(version);
                }
            }
        }
        assertThat(versions).hasSize(2);
        TsRecording again = TsRecording.demux(muxing.bytes());
        assertThat(again.framesOf(TsMuxer.AUDIO_PID)).hasSize(5);
        assertThat(again.framesOf(TsMuxer.VIDEO_PID)).hasSize(5);
    }

    private static byte[] firstSection(List<byte[]> packets, int pid) {
        for (byte[] bytes : packets) {
            TsPacket packet = TsPacket.parse(bytes, 0);
            if (packet.pid() == pid && packet.payloadUnitStart()) {
                int start = packet.payloadOffset() + 1 + packet.payloadByte(0);
                int length = 3 + ((bytes[start + 1] & 0x0F) << 8 | (bytes[start + 2] & 0xFF));
                return Arrays.copyOfRange(bytes, start, start + length);
            }
        }
        throw new AssertionError("no section on PID " + pid);
    }

    private static TsTrack trackOf(Map<Integer, TsTrack> tracks, FrameKind kind) {
        return tracks.values().stream().filter(track -> track.kind() == kind).findFirst().orElseThrow();
    }

    private static List<AVPacket> framesOf(TsRecording recording, FrameKind kind) {
        return recording.frames.stream().map(TsRecording.Frame::packet).filter(packet -> packet.kind() == kind).toList();
    }
}
