package dev.inlet.media.fmp4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inlet.media.AudioSpecificConfig;
import dev.inlet.media.Av1Obus;
import dev.inlet.media.AvcDecoderConfiguration;
import dev.inlet.media.FrameKind;
import dev.inlet.media.HevcDecoderConfiguration;
import dev.inlet.media.MediaFormatException;
import dev.inlet.media.OpusHead;
import dev.inlet.media.Vp9CodecConfiguration;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Init segments read back box by box against ISO/IEC 14496-12 and the codecs' bindings. */
class InitSegmentTest {

    /** Sample entry fields before the child boxes: VisualSampleEntry 78 bytes, AudioSampleEntry 28 bytes. */
    private static final int VISUAL_ENTRY_FIELDS = 78;
    private static final int AUDIO_ENTRY_FIELDS = 28;

    static Stream<TestTracks> tracks() {
        return TestTracks.all().stream();
    }

    @ParameterizedTest
    @MethodSource("tracks")
    void aSingleTrackInitIsACmafHeaderWithEmptySampleTablesAndATrex(TestTracks tracks) {
        TrackFormat format = tracks.formatAtFirstKeyframe();
        InitSegment init = format.isVideo() ? InitSegment.of(0, format, null) : InitSegment.of(0, null, format);
        byte[] file = init.bytes();

        assertThat(BoxReader.read(file).stream().map(BoxReader.Box::type)).containsExactly("ftyp", "moov");
        BoxReader.Fields ftyp = BoxReader.only(file, "ftyp").fields();
        assertThat(ftyp.fourCc()).as("major brand").isEqualTo("iso6");
        assertThat(ftyp.u32()).as("minor version").isZero();
        assertThat(List.of(ftyp.fourCc(), ftyp.fourCc())).as("compatible brands").containsExactly("iso6", "cmfc");
        assertThat(ftyp.remaining()).isZero();

        BoxReader.Box moov = BoxReader.only(file, "moov");
        assertThat(moov.children().stream().map(BoxReader.Box::type)).containsExactly("mvhd", "trak", "mvex");
        BoxReader.Fields mvhd = moov.child("mvhd").fields();
        assertThat(mvhd.u8()).as("mvhd version").isZero();
        mvhd.skip(3 + 8);
        assertThat(mvhd.u32()).as("movie timescale").isEqualTo(1000);
        assertThat(mvhd.u32()).as("movie duration (live: unknown)").isZero();
        assertThat(mvhd.u32()).as("rate 1.0").isEqualTo(0x0001_0000);
        assertThat(mvhd.u16()).as("volume 1.0").isEqualTo(0x0100);
        mvhd.skip(10 + 36 + 24);
        assertThat(mvhd.u32()).as("next_track_ID").isEqualTo(3);
        assertThat(mvhd.remaining()).isZero();

        int trackId = format.isVideo() ? 1 : 2;
        BoxReader.Box trak = moov.child("trak");
        assertTrackHeader(trak.child("tkhd"), trackId, format);
        BoxReader.Box mdia = trak.child("mdia");
        BoxReader.Fields mdhd = mdia.child("mdhd").fields();
        assertThat(mdhd.u8()).isZero();
        mdhd.skip(3 + 8);
        assertThat(mdhd.u32()).as("media timescale").isEqualTo(format.isVideo() ? 90_000 : expectedSampleRate(tracks));
        assertThat(mdhd.u32()).as("media duration").isZero();
        assertThat(mdhd.u16()).as("language und").isEqualTo((21 << 10) | (14 << 5) | 4);
        BoxReader.Fields hdlr = mdia.child("hdlr").fields();
        hdlr.skip(4 + 4);
        assertThat(hdlr.fourCc()).as("handler_type").isEqualTo(format.isVideo() ? "vide" : "soun");
        BoxReader.Box minf = mdia.child("minf");
        if (format.isVideo()) {
            BoxReader.Fields vmhd = minf.child("vmhd").fields();
            assertThat(vmhd.u8()).isZero();
            assertThat(vmhd.u24()).as("vmhd flags").isEqualTo(1);
        } else {
            assertThat(minf.child("smhd").size()).isEqualTo(16);
        }
        BoxReader.Box dref = minf.path("dinf/dref");
        assertThat(dref.fields().skip(4).u32()).as("dref entries").isEqualTo(1);
        BoxReader.Fields url = dref.child("url ", 8).fields();
        assertThat(url.u8()).isZero();
        assertThat(url.u24()).as("url flags: media in this file").isEqualTo(1);

        BoxReader.Box stbl = minf.child("stbl");
        assertThat(stbl.children().stream().map(BoxReader.Box::type)).containsExactly("stsd", "stts", "stsc", "stsz", "stco");
        assertThat(stbl.child("stsd").fields().skip(4).u32()).as("stsd entries").isEqualTo(1);
        for (String table : List.of("stts", "stsc", "stco")) {
            assertThat(stbl.child(table).fields().skip(4).u32()).as(table + " entries").isZero();
        }
        BoxReader.Fields stsz = stbl.child("stsz").fields().skip(4);
        assertThat(List.of(stsz.u32(), stsz.u32())).as("stsz sample_size and count").containsExactly(0L, 0L);

        BoxReader.Fields trex = moov.path("mvex/trex").fields();
        assertThat(trex.u32()).as("trex version and flags").isZero();
        assertThat(trex.u32()).as("trex track_ID").isEqualTo(trackId);
        assertThat(trex.u32()).as("default_sample_description_index").isEqualTo(1);
        assertThat(List.of(trex.u32(), trex.u32(), trex.u32())).containsExactly(0L, 0L, 0L);
    }

    @Test
    void h264SampleEntryIsAvc1WithItsAvcCAndTheHighProfileExtension() {
        TestTracks h264 = TestTracks.h264();
        AvcDecoderConfiguration published = AvcDecoderConfiguration.parse(h264.configuration());
        BoxReader.Box entry = sampleEntry(InitSegment.of(0, h264.format(), null), "avc1");

        assertVisualFields(entry, 640, 360);
        BoxReader.Fields avcC = entry.child("avcC", VISUAL_ENTRY_FIELDS).fields();
        assertThat(avcC.u8()).as("configurationVersion").isEqualTo(1);
        assertThat(avcC.u8()).as("AVCProfileIndication: High").isEqualTo(100);
        assertThat(avcC.u8()).as("profile_compatibility").isEqualTo(published.compatibility());
        assertThat(avcC.u8()).as("AVCLevelIndication 3.0").isEqualTo(30);
        assertThat(avcC.u8()).as("reserved and lengthSizeMinusOne 3").isEqualTo(0xFF);
        assertThat(avcC.u8()).as("reserved and one SPS").isEqualTo(0xE1);
        assertThat(avcC.bytes(avcC.u16())).as("SPS").isEqualTo(published.sps().get(0));
        assertThat(avcC.u8()).as("one PPS").isEqualTo(1);
        assertThat(avcC.bytes(avcC.u16())).as("PPS").isEqualTo(published.pps().get(0));
        assertThat(avcC.u8()).as("reserved and chroma_format 4:2:0").isEqualTo(0xFC | 1);
        assertThat(avcC.u8()).as("reserved and bit_depth_luma_minus8").isEqualTo(0xF8);
        assertThat(avcC.u8()).as("reserved and bit_depth_chroma_minus8").isEqualTo(0xF8);
        assertThat(avcC.u8()).as("numOfSequenceParameterSetExt").isZero();
        assertThat(avcC.remaining()).isZero();
        assertThat(h264.format().codecs()).isEqualTo("avc1.64" + TrackFormat.hex2(published.compatibility()) + "1e");
    }

    @Test
    void h265SampleEntryIsHvc1WithItsParameterSetArrays() {
        TestTracks h265 = TestTracks.h265();
        HevcDecoderConfiguration published = HevcDecoderConfiguration.parse(h265.configuration());
        BoxReader.Box entry = sampleEntry(InitSegment.of(0, h265.format(), null), "hvc1");

        assertVisualFields(entry, 320, 240);
        byte[] hvcC = entry.child("hvcC", VISUAL_ENTRY_FIELDS).payload();
        HevcDecoderConfiguration written = HevcDecoderConfiguration.parse(hvcC);
        assertThat(hvcC[0]).as("configurationVersion").isEqualTo((byte) 1);
        assertThat(hvcC[1] & 0x1F).as("general_profile_idc: Main").isEqualTo(1);
        assertThat(hvcC[21] & 0x03).as("lengthSizeMinusOne").isEqualTo(3);
        assertThat(written.level()).isEqualTo(published.level());
        assertThat(NalSamples.sameUnits(written.vps(), published.vps())).as("VPS array").isTrue();
        assertThat(NalSamples.sameUnits(written.sps(), published.sps())).as("SPS array").isTrue();
        assertThat(NalSamples.sameUnits(written.pps(), published.pps())).as("PPS array").isTrue();
        assertThat(hvcC[7] | hvcC[8] | hvcC[9] | hvcC[10] | hvcC[11]).as("x265 sets only the first constraint byte").isZero();
        // Main profile: compatibility flags 1 and 2 (reversed: 6), then the one constraint byte that is not zero
        assertThat(h265.format().codecs()).isEqualTo("hvc1.1.6.L" + published.level() + "."
                + Integer.toHexString(hvcC[6] & 0xFF).toUpperCase());
    }

    @Test
    void av1SampleEntryIsAv01WithItsAv1CAndSequenceHeader() {
        TestTracks av1 = TestTracks.av1();
        BoxReader.Box entry = sampleEntry(InitSegment.of(0, av1.format(), null), "av01");

        assertVisualFields(entry, 176, 144);
        BoxReader.Fields av1C = entry.child("av1C", VISUAL_ENTRY_FIELDS).fields();
        assertThat(av1C.u8()).as("marker 1, version 1").isEqualTo(0x81);
        int profileLevel = av1C.u8();
        assertThat(profileLevel >> 5).as("seq_profile: Main").isZero();
        int flags = av1C.u8();
        assertThat(flags & 0x40).as("high_bitdepth").isZero();
        assertThat(flags & 0x10).as("monochrome").isZero();
        assertThat(flags & 0x0C).as("chroma_subsampling_x and _y: 4:2:0").isEqualTo(0x0C);
        assertThat(av1C.u8()).as("no initial_presentation_delay").isZero();
        byte[] configObus = av1C.bytes(av1C.remaining());
        assertThat(Av1Obus.split(configObus).get(0).type()).as("configOBUs: the sequence header").isEqualTo(Av1Obus.SEQUENCE_HEADER);
        assertThat(av1.format().codecs()).isEqualTo(String.format("av01.0.%02dM.08", profileLevel & 0x1F));
    }

    @Test
    void vp9SampleEntryIsVp09WithVpcCVersion1AndTheKeyFramesSize() {
        TestTracks vp9 = TestTracks.vp9();
        Vp9CodecConfiguration published = Vp9CodecConfiguration.parse(vp9.configuration());
        BoxReader.Box entry = sampleEntry(InitSegment.of(0, vp9.formatAtFirstKeyframe(), null), "vp09");

        assertVisualFields(entry, 192, 108);
        BoxReader.Fields vpcC = entry.child("vpcC", VISUAL_ENTRY_FIELDS).fields();
        assertThat(vpcC.u8()).as("version").isEqualTo(1);
        assertThat(vpcC.u24()).as("flags").isZero();
        assertThat(vpcC.u8()).as("profile").isEqualTo(published.profile());
        assertThat(vpcC.u8()).as("level").isEqualTo(published.level());
        int packed = vpcC.u8();
        assertThat(packed >> 4).as("bitDepth").isEqualTo(8);
        assertThat((packed >> 1) & 0x07).as("chromaSubsampling").isEqualTo(published.chromaSubsampling());
        vpcC.skip(3);
        assertThat(vpcC.u16()).as("codecInitializationDataSize").isZero();
        assertThat(vpcC.remaining()).isZero();
        assertThat(vp9.format().complete()).as("no size before a key frame").isFalse();
        assertThatThrownBy(() -> InitSegment.of(0, vp9.format(), null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aacSampleEntryIsMp4aWithAnEsdsCarryingTheAudioSpecificConfigAsSent() {
        TestTracks aac = TestTracks.aac();
        AudioSpecificConfig config = AudioSpecificConfig.parse(aac.configuration());
        BoxReader.Box entry = sampleEntry(InitSegment.of(0, null, aac.format()), "mp4a");

        assertAudioFields(entry, 2, 48_000);
        BoxReader.Fields esds = entry.child("esds", AUDIO_ENTRY_FIELDS).fields();
        assertThat(esds.u32()).as("version and flags").isZero();
        assertThat(esds.u8()).as("ES_DescrTag").isEqualTo(0x03);
        int esLength = esds.u8();
        assertThat(esLength).isEqualTo(esds.remaining());
        assertThat(esds.u16()).as("ES_ID").isZero();
        assertThat(esds.u8()).as("ES flags").isZero();
        assertThat(esds.u8()).as("DecoderConfigDescrTag").isEqualTo(0x04);
        int decoderConfigLength = esds.u8();
        assertThat(decoderConfigLength).isEqualTo(esds.remaining() - 3); // the SLConfigDescriptor follows
        assertThat(esds.u8()).as("objectTypeIndication: MPEG-4 audio").isEqualTo(0x40);
        assertThat(esds.u8()).as("streamType audio, reserved 1").isEqualTo(0x15);
        esds.skip(3 + 4 + 4);
        assertThat(esds.u8()).as("DecSpecificInfoTag").isEqualTo(0x05);
        assertThat(esds.bytes(esds.u8())).as("AudioSpecificConfig").isEqualTo(aac.configuration());
        assertThat(esds.u8()).as("SLConfigDescrTag").isEqualTo(0x06);
        assertThat(esds.u8()).isEqualTo(1);
        assertThat(esds.u8()).as("predefined: MP4").isEqualTo(0x02);
        assertThat(esds.remaining()).isZero();
        assertThat(aac.format().codecs()).isEqualTo("mp4a.40." + config.objectType()).isEqualTo("mp4a.40.2");
    }

    @Test
    void opusSampleEntryIsOpusWithABigEndianDOps() {
        TestTracks opus = TestTracks.opus();
        OpusHead head = OpusHead.parse(opus.configuration());
        BoxReader.Box entry = sampleEntry(InitSegment.of(0, null, opus.format()), "Opus");

        assertAudioFields(entry, 2, 48_000);
        BoxReader.Fields dOps = entry.child("dOps", AUDIO_ENTRY_FIELDS).fields();
        assertThat(dOps.u8()).as("Version").isZero();
        assertThat(dOps.u8()).as("OutputChannelCount").isEqualTo(2);
        assertThat(dOps.u16()).as("PreSkip, big-endian").isEqualTo(head.preSkip()).isEqualTo(312);
        assertThat(dOps.u32()).as("InputSampleRate").isEqualTo(48_000);
        assertThat(dOps.u16()).as("OutputGain").isZero();
        assertThat(dOps.u8()).as("ChannelMappingFamily").isZero();
        assertThat(dOps.remaining()).isZero();
        assertThat(opus.format().codecs()).isEqualTo("Opus");
    }

    @Test
    void opusWithMappingFamily1CarriesItsChannelMappingTable() {
        byte[] head = new byte[19 + 2 + 6];
        System.arraycopy("OpusHead".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, head, 0, 8);
        head[8] = 1;
        head[9] = 6; // 5.1
        head[12] = (byte) 0x80;
        head[13] = (byte) 0xBB; // 48000, little-endian
        head[18] = 1;
        byte[] table = {4, 2, 0, 4, 1, 2, 3, 5};
        System.arraycopy(table, 0, head, 19, table.length);

        BoxReader.Box entry = sampleEntry(InitSegment.of(0, null, TrackFormat.of(FrameKind.OPUS, head)), "Opus");

        BoxReader.Fields dOps = entry.child("dOps", AUDIO_ENTRY_FIELDS).fields().skip(1 + 1 + 2 + 4 + 2);
        assertThat(dOps.u8()).as("ChannelMappingFamily").isEqualTo(1);
        assertThat(dOps.bytes(dOps.remaining())).as("StreamCount, CoupledCount, ChannelMapping").isEqualTo(table);
        byte[] truncated = java.util.Arrays.copyOf(head, 22);
        assertThatThrownBy(() -> TrackFormat.of(FrameKind.OPUS, truncated)).isInstanceOf(MediaFormatException.class)
                .hasMessageContaining("channel mapping table");
    }

    @Test
    void muxedInitHasVideoAsTrack1AndAudioAsTrack2AndDoesNotClaimCmaf() {
        InitSegment init = InitSegment.of(3, TestTracks.h264().format(), TestTracks.aac().format());
        byte[] file = init.bytes();

        BoxReader.Fields ftyp = BoxReader.only(file, "ftyp").fields().skip(8);
        assertThat(ftyp.fourCc()).isEqualTo("iso6");
        assertThat(ftyp.remaining()).as("no cmfc brand for two tracks").isZero();
        BoxReader.Box moov = BoxReader.only(file, "moov");
        assertThat(moov.children().stream().map(BoxReader.Box::type)).containsExactly("mvhd", "trak", "trak", "mvex");
        List<BoxReader.Box> traks = moov.children().stream().filter(box -> box.type().equals("trak")).toList();
        assertThat(traks.get(0).child("tkhd").fields().skip(12).u32()).as("video track_ID").isEqualTo(1);
        assertThat(traks.get(1).child("tkhd").fields().skip(12).u32()).as("audio track_ID").isEqualTo(2);
        assertThat(traks.get(1).path("mdia/hdlr").fields().skip(8).fourCc()).isEqualTo("soun");
        assertThat(moov.child("mvex").children().stream().map(box -> box.fields().skip(4).u32()))
                .as("trex track_IDs").containsExactly(1L, 2L);
        assertThat(init.codecs()).isEqualTo(TestTracks.h264().format().codecs() + ",mp4a.40.2");
        assertThat(init.version()).isEqualTo(3);
    }

    @Test
    void formatsCompareByWhatTheyWrite() {
        assertThat(TestTracks.h264().format()).isEqualTo(TestTracks.h264().format());
        assertThat(TestTracks.h264().format()).isNotEqualTo(TestTracks.h265().format());
        assertThat(TestTracks.aac().format()).isEqualTo(TestTracks.aac().format()).hasSameHashCodeAs(TestTracks.aac().format());
    }

    @Test
    void codecsWithoutAnFmp4FormHereAreRefused() {
        assertThat(TrackFormat.canCarry(FrameKind.MP3)).isFalse();
        assertThatThrownBy(() -> TrackFormat.of(FrameKind.MP3, new byte[4])).isInstanceOf(MediaFormatException.class)
                .hasMessageContaining("MP3");
        assertThatThrownBy(() -> TrackFormat.of(FrameKind.H264, new byte[] {2, 0})).isInstanceOf(MediaFormatException.class);
    }

    private static BoxReader.Box sampleEntry(InitSegment init, String type) {
        BoxReader.Box stsd = BoxReader.only(init.bytes(), "moov").path("trak/mdia/minf/stbl/stsd");
        return stsd.child(type, 8);
    }

    private static void assertTrackHeader(BoxReader.Box tkhd, int trackId, TrackFormat format) {
        BoxReader.Fields fields = tkhd.fields();
        assertThat(fields.u8()).as("tkhd version").isZero();
        assertThat(fields.u24()).as("tkhd flags: enabled, in movie").isEqualTo(3);
        fields.skip(8);
        assertThat(fields.u32()).as("track_ID").isEqualTo(trackId);
        fields.skip(4 + 4 + 8 + 2 + 2);
        assertThat(fields.u16()).as("volume").isEqualTo(format.isVideo() ? 0 : 0x0100);
        fields.skip(2 + 36);
        assertThat(fields.u32()).as("width 16.16").isEqualTo((long) format.width() << 16);
        assertThat(fields.u32()).as("height 16.16").isEqualTo((long) format.height() << 16);
        assertThat(fields.remaining()).isZero();
    }

    private static void assertVisualFields(BoxReader.Box entry, int width, int height) {
        BoxReader.Fields fields = entry.fields();
        fields.skip(6);
        assertThat(fields.u16()).as("data_reference_index").isEqualTo(1);
        fields.skip(16);
        assertThat(fields.u16()).as("width").isEqualTo(width);
        assertThat(fields.u16()).as("height").isEqualTo(height);
        assertThat(fields.u32()).as("horizresolution 72 dpi").isEqualTo(0x0048_0000);
        assertThat(fields.u32()).as("vertresolution 72 dpi").isEqualTo(0x0048_0000);
        fields.skip(4);
        assertThat(fields.u16()).as("frame_count").isEqualTo(1);
        fields.skip(32);
        assertThat(fields.u16()).as("depth").isEqualTo(0x18);
        assertThat(fields.u16()).as("pre_defined -1").isEqualTo(0xFFFF);
    }

    private static void assertAudioFields(BoxReader.Box entry, int channels, int sampleRate) {
        BoxReader.Fields fields = entry.fields();
        fields.skip(6);
        assertThat(fields.u16()).as("data_reference_index").isEqualTo(1);
        fields.skip(8);
        assertThat(fields.u16()).as("channelcount").isEqualTo(channels);
        assertThat(fields.u16()).as("samplesize").isEqualTo(16);
        fields.skip(4);
        assertThat(fields.u32()).as("samplerate 16.16").isEqualTo((long) sampleRate << 16);
    }

    private static int expectedSampleRate(TestTracks tracks) {
        return tracks.kind() == FrameKind.OPUS ? 48_000 : AudioSpecificConfig.parse(tracks.configuration()).sampleRate();
    }
}
