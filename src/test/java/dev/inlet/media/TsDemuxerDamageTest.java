package dev.inlet.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Loss, duplicates, garbage, arbitrary splits, damaged tables and timestamp wrap, on the ffmpeg fixture. */
class TsDemuxerDamageTest {

    private static final int VIDEO_PID = 0x100;
    private static final int AUDIO_PID = 0x101;
    private static final byte[] FIXTURE = TsRecording.fixture("h264-aac.ts");
    private static final TsRecording CLEAN = TsRecording.demux(FIXTURE);

    @Test
    void aLostVideoPacketCostsItsFrameOnly() {
        List<byte[]> packets = TsRecording.packets(FIXTURE);
        int frame = 14; // 380 bytes: three packets, not a keyframe (losing those would cost the group of pictures)
        int lost = continuationOf(packets, VIDEO_PID, frame);
        packets.remove(lost);

        Run run = Run.of(TsRecording.join(packets));
        TsDemuxer demuxer = run.demuxer();
        TsRecording recording = run.recording();

        List<AVPacket> expected = new ArrayList<>(CLEAN.framesOf(VIDEO_PID));
        expected.remove(frame);
        assertThat(recording.framesOf(VIDEO_PID)).isEqualTo(expected);
        assertThat(recording.framesOf(AUDIO_PID)).isEqualTo(CLEAN.framesOf(AUDIO_PID));
        assertThat(demuxer.stats().continuityErrors()).isEqualTo(1);
        assertThat(demuxer.stats().droppedPes()).isEqualTo(1);
    }

    @Test
    void aLostAudioPacketCostsTheFramesOfItsPes() {
        List<byte[]> packets = TsRecording.packets(FIXTURE);
        int lost = nthContinuation(packets, AUDIO_PID, 3);
        packets.remove(lost);

        Run run = Run.of(TsRecording.join(packets));
        TsDemuxer demuxer = run.demuxer();
        TsRecording recording = run.recording();

        List<AVPacket> audio = recording.framesOf(AUDIO_PID);
        assertThat(audio).hasSizeLessThan(CLEAN.framesOf(AUDIO_PID).size()).isNotEmpty();
        assertThat(CLEAN.framesOf(AUDIO_PID)).containsSubsequence(audio);
        assertThat(recording.framesOf(VIDEO_PID)).isEqualTo(CLEAN.framesOf(VIDEO_PID));
        assertThat(demuxer.stats().continuityErrors()).isEqualTo(1);
    }

    @Test
    void aPacketSentTwiceIsADuplicateButThreeTimesIsLoss() {
        List<byte[]> packets = TsRecording.packets(FIXTURE);
        int index = continuationOf(packets, VIDEO_PID, 14);
        packets.add(index, packets.get(index).clone());

        Run twice = Run.of(TsRecording.join(packets));
        assertThat(twice.recording().frames).isEqualTo(CLEAN.frames);
        assertThat(twice.demuxer().stats().continuityErrors()).isZero();

        packets.add(index, packets.get(index).clone());
        Run thrice = Run.of(TsRecording.join(packets));
        assertThat(thrice.recording().framesOf(VIDEO_PID)).hasSize(CLEAN.framesOf(VIDEO_PID).size() - 1);
        assertThat(thrice.demuxer().stats().continuityErrors()).isEqualTo(1);
    }

    @Test
    void garbageBetweenPacketsIsSkippedAndSyncRecovered() {
        List<byte[]> packets = TsRecording.packets(FIXTURE);
        Random random = new Random(13);
        List<byte[]> withGarbage = new ArrayList<>();
        for (int i = 0; i < packets.size(); i++) {
            if (i % 40 == 0) {
                byte[] garbage = new byte[1 + random.nextInt(400)];
                random.nextBytes(garbage);
                garbage[garbage.length / 2] = 0x47; // a false sync byte that the next packet's position does not confirm
                withGarbage.add(garbage);
            }
            withGarbage.add(packets.get(i));
        }

        Run run = Run.of(TsRecording.join(withGarbage));
        TsDemuxer demuxer = run.demuxer();
        TsRecording recording = run.recording();

        assertThat(recording.frames).isEqualTo(CLEAN.frames);
        assertThat(demuxer.stats().syncLosses()).isEqualTo((packets.size() + 39) / 40);
    }

    @Test
    void aTruncatedPacketIsLostAndTheStreamResynchronises() {
        List<byte[]> packets = TsRecording.packets(FIXTURE);
        int cut = continuationOf(packets, VIDEO_PID, 14);
        packets.set(cut, java.util.Arrays.copyOf(packets.get(cut), 100));

        Run run = Run.of(TsRecording.join(packets));
        TsDemuxer demuxer = run.demuxer();
        TsRecording recording = run.recording();

        assertThat(recording.framesOf(VIDEO_PID)).hasSize(CLEAN.framesOf(VIDEO_PID).size() - 1);
        assertThat(demuxer.stats().syncLosses()).isEqualTo(1);
        assertThat(demuxer.stats().continuityErrors()).isEqualTo(1);
    }

    @Test
    void anySplitOfTheInputGivesTheSameFrames() {
        // Every split point in the first SRT datagrams (PAT, PMT, the first frames), then a stride over the whole file.
        for (int split = 0; split <= FIXTURE.length; split += split < 3 * 1316 ? 1 : 97) {
            TsRecording recording = new TsRecording();
            TsDemuxer demuxer = new TsDemuxer(recording);
            demuxer.feed(FIXTURE, 0, split);
            demuxer.feed(FIXTURE, split, FIXTURE.length - split);
            demuxer.flush();
            assertThat(recording.frames).as("split at %d", split).isEqualTo(CLEAN.frames);
        }
        TsRecording byteByByte = new TsRecording();
        TsDemuxer demuxer = new TsDemuxer(byteByByte);
        for (int i = 0; i < FIXTURE.length; i++) {
            demuxer.feed(FIXTURE, i, 1);
        }
        demuxer.flush();
        assertThat(byteByByte.frames).isEqualTo(CLEAN.frames);
        assertThat(byteByByte.tracks).isEqualTo(CLEAN.tracks);
    }

    @Test
    void aPmtWithABadCrcIsIgnoredUntilAGoodOneArrives() {
        List<byte[]> packets = TsRecording.packets(FIXTURE);
        int firstPmt = firstIndexOf(packets, 0x1000);
        packets.get(firstPmt)[20] ^= 0x01;

        Run run = Run.of(TsRecording.join(packets));
        TsDemuxer demuxer = run.demuxer();
        TsRecording recording = run.recording();
        assertThat(demuxer.stats().crcErrors()).isEqualTo(1);
        // The first keyframe passed before the next PMT: without its parameter sets, its group of pictures is lost.
        List<AVPacket> clean = CLEAN.framesOf(VIDEO_PID);
        assertThat(recording.framesOf(VIDEO_PID)).isEqualTo(clean.subList(25, clean.size()));
        assertThat(recording.framesOf(AUDIO_PID)).isEqualTo(CLEAN.framesOf(AUDIO_PID));

        for (byte[] packet : packets) {
            if (TsRecording.pid(packet) == 0x1000) {
                packet[20] ^= packet == packets.get(firstPmt) ? 0 : 0x01;
            }
        }
        Run allBad = Run.of(TsRecording.join(packets));
        assertThat(allBad.recording().frames).isEmpty();
        assertThat(allBad.demuxer().stats().crcErrors()).isGreaterThan(1);
    }

    @Test
    void timestampsContinueUpwardsAcrossThe33BitWrap() {
        List<byte[]> packets = TsRecording.packets(FIXTURE);
        long offset = (1L << 33) - 126_000 - 90_000; // the first DTS lands 1 s before the wrap
        TsTestPackets.shiftTimestamps(packets, offset);

        TsRecording recording = Run.of(TsRecording.join(packets)).recording();

        List<AVPacket> video = recording.framesOf(VIDEO_PID);
        List<AVPacket> clean = CLEAN.framesOf(VIDEO_PID);
        assertThat(video).hasSameSizeAs(clean);
        assertThat(video).extracting(AVPacket::dts).isSorted();
        assertThat(video.get(video.size() - 1).dts()).isGreaterThan((1L << 33) / 90);
        for (int i = 0; i < video.size(); i++) {
            long expectedDts = Math.floorDiv(clean.get(i).dts() * 90 + offset, 90);
            assertThat(video.get(i).dts()).as("dts of frame %d", i).isBetween(expectedDts - 1, expectedDts + 1);
            assertThat(video.get(i).compositionTime()).isBetween(clean.get(i).compositionTime() - 1, clean.get(i).compositionTime() + 1);
        }
        assertThat(recording.framesOf(AUDIO_PID)).extracting(AVPacket::pts).isSorted().hasSize(95);
    }

    @Test
    void aPesOverTheCapIsDroppedAndCounted() {
        TsRecording recording = new TsRecording();
        TsDemuxer demuxer = new TsDemuxer(recording, 2_050);
        demuxer.feed(FIXTURE);
        demuxer.flush();

        // The first keyframe (2095 bytes) is over the cap; its group of pictures has no parameter sets, the next one does.
        List<AVPacket> clean = CLEAN.framesOf(VIDEO_PID);
        assertThat(recording.framesOf(VIDEO_PID)).isEqualTo(clean.subList(25, clean.size()));
        assertThat(demuxer.stats().droppedPes()).isEqualTo(1);
        assertThat(demuxer.stats().droppedFrames()).isEqualTo(24);
        assertThat(recording.framesOf(AUDIO_PID)).isEqualTo(CLEAN.framesOf(AUDIO_PID));
    }

    @Test
    void privateDataWithoutTheOpusRegistrationIsSkippedAndOpusIsFollowed() {
        int[] opusRegistration = {0x05, 4, 'O', 'p', 'u', 's', 0x7F, 2, 0x80, 2};
        int[] opus = new int[2 + opusRegistration.length];
        opus[0] = 0x06;
        opus[1] = 0x103;
        System.arraycopy(opusRegistration, 0, opus, 2, opusRegistration.length);
        byte[] ts = TsRecording.join(List.of(
                TsTestPackets.psiPacket(0, 0, TsTestPackets.pat(1, 0x1000)),
                TsTestPackets.psiPacket(0x1000, 0, TsTestPackets.pmt(1, 0x100,
                        new int[] {0x06, 0x102}, opus, new int[] {0x1B, 0x100}, new int[] {0x86, 0x104}))));
        TsRecording recording = new TsRecording();
        TsDemuxer demuxer = new TsDemuxer(recording);
        demuxer.feed(ts);
        demuxer.feed(ts); // the same PMT again: nothing new to report

        assertThat(recording.skipped).containsExactlyInAnyOrder(
                new TsRecording.Skipped(1, 0x102, 0x06), new TsRecording.Skipped(1, 0x104, 0x86));
        assertThat(demuxer.stats().crcErrors()).isZero();
    }

    /** One demuxer fed the whole input, and what it reported. */
    private record Run(TsDemuxer demuxer, TsRecording recording) {
        static Run of(byte[] ts) {
            TsRecording recording = new TsRecording();
            TsDemuxer demuxer = new TsDemuxer(recording);
            demuxer.feed(ts);
            demuxer.flush();
            return new Run(demuxer, recording);
        }
    }

    private static int nthContinuation(List<byte[]> packets, int pid, int n) {
        int seen = 0;
        for (int i = 0; i < packets.size(); i++) {
            if (TsRecording.pid(packets.get(i)) == pid && !TsRecording.unitStart(packets.get(i)) && seen++ == n) {
                return i;
            }
        }
        throw new IllegalStateException("fewer than " + n + " continuation packets on PID " + pid);
    }

    /** The second packet of the PES that starts in the {@code pesIndex}-th unit-start packet of {@code pid}. */
    private static int continuationOf(List<byte[]> packets, int pid, int pesIndex) {
        int starts = 0;
        for (int i = 0; i < packets.size(); i++) {
            if (TsRecording.pid(packets.get(i)) != pid) {
                continue;
            }
            if (TsRecording.unitStart(packets.get(i))) {
                starts++;
            } else if (starts == pesIndex + 1) {
                return i;
            }
        }
        throw new IllegalStateException("no continuation of PES " + pesIndex + " on PID " + pid);
    }

    private static int firstIndexOf(List<byte[]> packets, int pid) {
        for (int i = 0; i < packets.size(); i++) {
            if (TsRecording.pid(packets.get(i)) == pid) {
                return i;
            }
        }
        throw new IllegalStateException("no packet on PID " + pid);
    }
}
