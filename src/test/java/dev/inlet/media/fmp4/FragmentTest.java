package dev.inlet.media.fmp4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.media.AVPacket;
import dev.inlet.media.AnnexB;
import dev.inlet.media.Av1Obus;
import dev.inlet.media.FrameKind;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Media fragments read back box by box (ISO/IEC 14496-12 section 8.8) for every codec. */
class FragmentTest {

    /** One trun entry as read back. */
    record Entry(long duration, int size, long flags, int compositionOffset, byte[] data) {
    }

    static Stream<TestTracks> tracks() {
        return TestTracks.all().stream();
    }

    @ParameterizedTest
    @MethodSource("tracks")
    void oneFragmentHoldsEverySampleWithItsTimesSizesAndFlags(TestTracks tracks) {
        Recording recording = new Recording();
        Fmp4Muxer muxer = new Fmp4Muxer(recording);
        muxer.configure(tracks.kind(), tracks.configuration());
        List<AVPacket> packets = tracks.packets();
        packets.forEach(muxer::write);
        muxer.flush();

        assertThat(recording.inits).hasSize(1);
        assertThat(recording.fragments).hasSize(1);
        Fragment fragment = recording.fragments.get(0);
        assertThat(fragment.sequenceNumber()).isEqualTo(1);
        assertThat(fragment.independent()).isTrue();
        byte[] file = fragment.bytes();
        assertThat(BoxReader.read(file).stream().map(BoxReader.Box::type)).containsExactly("moof", "mdat");
        BoxReader.Box moof = BoxReader.only(file, "moof");
        assertThat(moof.children().stream().map(BoxReader.Box::type)).containsExactly("mfhd", "traf");
        BoxReader.Fields mfhd = moof.child("mfhd").fields();
        assertThat(mfhd.u32()).isZero();
        assertThat(mfhd.u32()).as("sequence_number").isEqualTo(1);

        boolean video = tracks.kind().isVideo();
        BoxReader.Box traf = moof.child("traf");
        assertThat(traf.children().stream().map(BoxReader.Box::type)).containsExactly("tfhd", "tfdt", "trun");
        BoxReader.Fields tfhd = traf.child("tfhd").fields();
        assertThat(tfhd.u8()).isZero();
        assertThat(tfhd.u24()).as("tfhd flags: default-base-is-moof only").isEqualTo(0x020000);
        assertThat(tfhd.u32()).as("track_ID").isEqualTo(video ? 1 : 2);
        assertThat(tfhd.remaining()).isZero();
        BoxReader.Fields tfdt = traf.child("tfdt").fields();
        assertThat(tfdt.u8()).as("tfdt version 1: 64-bit time").isEqualTo(1);
        tfdt.skip(3);
        int timescale = tracks.formatAtFirstKeyframe().timescale();
        assertThat(tfdt.u64()).as("baseMediaDecodeTime").isEqualTo(packets.get(0).dts() * timescale / 1000);

        List<Entry> entries = trun(traf.child("trun"), moof, file, video);
        assertThat(entries).hasSize(packets.size());
        BoxReader.Box mdat = BoxReader.only(file, "mdat");
        assertThat(entries.stream().mapToLong(Entry::size).sum()).as("sizes cover the mdat").isEqualTo(mdat.size() - 8);
        for (int i = 0; i < packets.size(); i++) {
            AVPacket packet = packets.get(i);
            Entry entry = entries.get(i);
            assertThat(entry.data()).as("sample " + i + " data").isEqualTo(expectedSampleData(packet));
            assertThat(entry.flags()).as("sample " + i + " flags")
                    .isEqualTo(!video || packet.keyframe() ? 0x0200_0000L : 0x0101_0000L);
            if (video) {
                assertThat(entry.compositionOffset()).as("sample " + i + " composition offset")
                        .isEqualTo((int) (packet.pts() - packet.dts()) * 90);
                long expectedDuration = i + 1 < packets.size() ? (packets.get(i + 1).dts() - packet.dts()) * 90
                        : packets.size() > 1 ? (packet.dts() - packets.get(i - 1).dts()) * 90 : 3000;
                assertThat(entry.duration()).as("sample " + i + " duration").isEqualTo(expectedDuration);
            } else {
                assertThat(entry.duration()).as("sample " + i + " duration: a frame's samples")
                        .isEqualTo(tracks.kind() == FrameKind.AAC ? 1024 : 960);
            }
        }
    }

    /** Reads a trun; every sample's data is taken from where data_offset (from the moof's start) says. */
    static List<Entry> trun(BoxReader.Box trun, BoxReader.Box moof, byte[] file, boolean video) {
        BoxReader.Fields fields = trun.fields();
        int version = fields.u8();
        int flags = fields.u24();
        assertThat(version).as("trun version: 1 (signed offsets) for video").isEqualTo(video ? 1 : 0);
        assertThat(flags).as("trun flags: data offset, duration, size, flags" + (video ? ", composition offset" : ""))
                .isEqualTo(0x000001 | 0x000100 | 0x000200 | 0x000400 | (video ? 0x000800 : 0));
        long count = fields.u32();
        int offset = moof.start() + fields.s32();
        List<Entry> entries = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            long duration = fields.u32();
            int size = (int) fields.u32();
            long sampleFlags = fields.u32();
            int composition = video ? fields.s32() : 0;
            entries.add(new Entry(duration, size, sampleFlags, composition,
                    java.util.Arrays.copyOfRange(file, offset, offset + size)));
            offset += size;
        }
        assertThat(fields.remaining()).isZero();
        return entries;
    }

    /** What the bindings want in a sample, worked out here from the packet's own units. */
    static byte[] expectedSampleData(AVPacket packet) {
        return switch (packet.kind()) {
            case H264 -> AnnexB.toAvcc(AnnexB.splitNalUnits(packet.data()).stream()
                    .filter(nal -> { int type = nal[0] & 0x1F; return type != 7 && type != 8 && type != 9; }).toList(), 4);
            case H265 -> AnnexB.toAvcc(AnnexB.splitNalUnits(packet.data()).stream()
                    .filter(nal -> { int type = (nal[0] >> 1) & 0x3F; return type < 32 || type > 35; }).toList(), 4);
            case AV1 -> {
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                for (Av1Obus.Obu obu : Av1Obus.split(packet.data())) {
                    if (obu.type() != Av1Obus.TEMPORAL_DELIMITER) {
                        out.write(packet.data(), obu.offset(), obu.length());
                    }
                }
                yield out.toByteArray();
            }
            default -> packet.data();
        };
    }
}
