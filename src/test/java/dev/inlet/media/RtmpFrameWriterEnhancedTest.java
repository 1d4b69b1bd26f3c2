package dev.inlet.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The writer's Enhanced RTMP and legacy non-AVC output tag by tag, with inputs read from the committed encoder vectors:
 * FLV → AVPacket → RtmpFrameWriter → tags → FlvToAvPacket gives back the same packets.
 */
class RtmpFrameWriterEnhancedTest {

    private final RecordingSink sink = new RecordingSink();
    private final RtmpFrameWriter writer = new RtmpFrameWriter(sink);

    private void write(List<AVPacket> packets) throws IOException {
        for (AVPacket packet : packets) {
            writer.writeFrame(packet.kind(), packet.data(), packet.pts(), packet.dts());
        }
    }

    private static byte[] payload(RecordingSink.Tag tag) {
        TagTrack track = tag.type() == FlvTagSink.VIDEO ? FlvVideoTag.parse(tag.body()).tracks().get(0)
                : FlvAudioTag.parse(tag.body()).tracks().get(0);
        return track.data(tag.body());
    }

    private List<RecordingSink.Tag> frameTags() {
        return sink.tags.stream().filter(t -> t.type() == FlvTagSink.VIDEO && !t.isVideoSequenceHeader()).toList();
    }

    private static int hevcType(byte[] nal) {
        return (nal[0] >> 1) & 0x3F;
    }

    private static String number(String name, double value) {
        byte[] bytes = java.nio.ByteBuffer.allocate(8).putDouble(value).array();
        return name + "\u0000" + new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private String metadata(int index) {
        assertThat(sink.tags.get(index).type()).isEqualTo(FlvTagSink.SCRIPT_DATA);
        return new String(sink.tags.get(index).body(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void hevcGoesAsHvc1SequenceStartThenFramesWithoutParameterSets() throws IOException {
        Vectors.Read input = Vectors.packets("hevc-main.flv");
        List<AVPacket> packets = input.packets();
        long start = packets.get(0).dts();

        write(packets);

        assertThat(sink.labels().subList(0, 3)).containsExactly("meta@" + start, "vseq@" + start, "video@" + start);
        assertThat(metadata(0)).contains(number("videocodecid", FourCc.HVC1), number("width", 320),
                number("height", 240), number("framerate", 25));
        FlvVideoTag sequenceStart = FlvVideoTag.parse(sink.tags.get(1).body());
        assertThat(sequenceStart.isExHeader()).isTrue();
        assertThat(sequenceStart.fourCc()).isEqualTo(FourCc.HVC1);
        assertThat(sequenceStart.exPacketType()).isEqualTo(FlvVideoTag.PACKET_SEQUENCE_START);
        assertThat(sequenceStart.isKeyframe()).isTrue();
        HevcDecoderConfiguration hvcc = HevcDecoderConfiguration.parse(payload(sink.tags.get(1)));
        assertThat(hvcc.parameterSets()).usingElementComparator(Arrays::compare)
                .containsExactlyElementsOf(input.converter().hevcConfig().parameterSets());
        assertThat(hvcc.profile()).isEqualTo(1);
        assertThat(hvcc.nalLengthSize()).isEqualTo(4);

        List<RecordingSink.Tag> frames = frameTags();
        assertThat(frames).hasSameSizeAs(packets);
        for (int i = 0; i < frames.size(); i++) {
            FlvVideoTag tag = FlvVideoTag.parse(frames.get(i).body());
            AVPacket original = packets.get(i);
            assertThat(tag.fourCc()).isEqualTo(FourCc.HVC1);
            assertThat(tag.isKeyframe()).as("frame %d", i).isEqualTo(original.keyframe());
            assertThat(tag.exPacketType()).as("frame %d: CodedFramesX exactly when the composition time is 0", i)
                    .isEqualTo(original.compositionTime() == 0 ? FlvVideoTag.PACKET_CODED_FRAMES_X : FlvVideoTag.PACKET_CODED_FRAMES);
            assertThat(tag.compositionTime()).isEqualTo((int) original.compositionTime());
            assertThat(frames.get(i).timestamp()).isEqualTo(original.dts());
            assertThat(AnnexB.fromAvcc(payload(frames.get(i)), 0, 4)).extracting(RtmpFrameWriterEnhancedTest::hevcType)
                    .as("no VPS, SPS, PPS or AUD in frame %d", i).doesNotContain(32, 33, 34, 35).isNotEmpty();
        }
        assertThat(Vectors.packets(sink).packets()).containsExactlyElementsOf(packets);
    }

    @Test
    void hevcCompositionTimeGoesInCodedFrames() throws IOException {
        List<AVPacket> packets = Vectors.packets("hevc-main.flv").packets();
        AVPacket key = packets.get(0);

        writer.writeFrame(FrameKind.H265, key.data(), 120, 40);
        writer.writeFrame(FrameKind.H265, packets.get(1).data(), 60, 80); // a negative offset, as B-frame encoders send

        List<RecordingSink.Tag> frames = frameTags();
        FlvVideoTag first = FlvVideoTag.parse(frames.get(0).body());
        assertThat(first.exPacketType()).isEqualTo(FlvVideoTag.PACKET_CODED_FRAMES);
        assertThat(first.compositionTime()).isEqualTo(80);
        assertThat(FlvVideoTag.parse(frames.get(1).body()).compositionTime()).isEqualTo(-20);
        assertThat(Vectors.packets(sink).packets()).extracting(AVPacket::pts, AVPacket::dts)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(120L, 40L), org.assertj.core.groups.Tuple.tuple(60L, 80L));
    }

    @Test
    void hevcParameterChangeSendsANewSequenceStartButNoNewMetadata() throws IOException {
        List<AVPacket> main = Vectors.packets("hevc-main.flv").packets();
        Vectors.Read tenBit = Vectors.packets("hevc-main10.flv");
        long offset = main.get(main.size() - 1).dts() + 40;
        List<AVPacket> second = Vectors.shifted(tenBit.packets(), offset);

        write(main);
        write(second);

        List<RecordingSink.Tag> sequenceStarts = sink.tags.stream().filter(RecordingSink.Tag::isVideoSequenceHeader).toList();
        assertThat(sequenceStarts).hasSize(2);
        assertThat(sequenceStarts.get(1).timestamp()).isEqualTo(second.get(0).dts());
        assertThat(HevcDecoderConfiguration.parse(payload(sequenceStarts.get(1))).firstSps().bitDepthLuma()).isEqualTo(10);
        assertThat(sink.tags.stream().filter(t -> t.type() == FlvTagSink.SCRIPT_DATA)).hasSize(1);
        List<AVPacket> expected = new ArrayList<>(main);
        AVPacket firstOfSecond = second.get(0);
        expected.add(new AVPacket(firstOfSecond.kind(), firstOfSecond.data(), firstOfSecond.pts(), firstOfSecond.dts(),
                firstOfSecond.keyframe(), true)); // the reader marks the configuration change
        expected.addAll(second.subList(1, second.size()));
        assertThat(Vectors.packets(sink).packets()).containsExactlyElementsOf(expected);
    }

    @Test
    void av1GoesAsAv01SequenceStartWithTheSequenceHeaderThenOBUsUnchanged() throws IOException {
        Vectors.Read input = Vectors.packets("av1.flv");
        List<AVPacket> packets = input.packets();
        assertThat(packets).extracting(AVPacket::keyframe).containsExactly(true, false);

        write(packets);

        long start = packets.get(0).dts();
        assertThat(sink.labels()).containsExactly("meta@" + start, "vseq@" + start, "video@" + start,
                "video@" + packets.get(1).dts());
        assertThat(metadata(0)).contains(number("videocodecid", FourCc.AV01), number("width", 176), number("height", 144));
        FlvVideoTag sequenceStart = FlvVideoTag.parse(sink.tags.get(1).body());
        assertThat(sequenceStart.fourCc()).isEqualTo(FourCc.AV01);
        assertThat(sequenceStart.exPacketType()).isEqualTo(FlvVideoTag.PACKET_SEQUENCE_START);
        Av1CodecConfiguration av1c = Av1CodecConfiguration.parse(payload(sink.tags.get(1)));
        Av1CodecConfiguration original = input.converter().av1Config();
        assertThat(av1c).extracting(Av1CodecConfiguration::profile, Av1CodecConfiguration::level,
                Av1CodecConfiguration::bitDepth, Av1CodecConfiguration::chromaFormat)
                .containsExactly(original.profile(), original.level(), original.bitDepth(), original.chromaFormat());
        assertThat(av1c.configObus()).isEqualTo(Av1Obus.find(packets.get(0).data(), Av1Obus.SEQUENCE_HEADER).orElseThrow());
        assertThat(av1c.sequenceHeader().orElseThrow().width()).isEqualTo(176);

        List<RecordingSink.Tag> frames = frameTags();
        for (int i = 0; i < frames.size(); i++) {
            FlvVideoTag tag = FlvVideoTag.parse(frames.get(i).body());
            assertThat(tag.exPacketType()).isEqualTo(FlvVideoTag.PACKET_CODED_FRAMES);
            assertThat(tag.isKeyframe()).isEqualTo(packets.get(i).keyframe());
            assertThat(payload(frames.get(i))).isEqualTo(packets.get(i).data());
        }
        assertThat(Vectors.packets(sink).packets()).containsExactlyElementsOf(packets);
    }

    @Test
    void vp9GoesAsVp09SequenceStartBuiltFromTheFirstKeyFrame() throws IOException {
        List<AVPacket> packets = Vectors.packets("vp9.flv").packets();
        assertThat(packets.get(0).keyframe()).isTrue();

        write(packets);

        assertThat(metadata(0)).contains(number("videocodecid", FourCc.VP09), number("width", 192), number("height", 108));
        FlvVideoTag sequenceStart = FlvVideoTag.parse(sink.tags.get(1).body());
        assertThat(sequenceStart.fourCc()).isEqualTo(FourCc.VP09);
        assertThat(sequenceStart.exPacketType()).isEqualTo(FlvVideoTag.PACKET_SEQUENCE_START);
        Vp9CodecConfiguration vpcc = Vp9CodecConfiguration.parse(payload(sink.tags.get(1)));
        assertThat(vpcc).extracting(Vp9CodecConfiguration::profile, Vp9CodecConfiguration::bitDepth,
                Vp9CodecConfiguration::chromaFormat).containsExactly(0, 8, 1);
        List<RecordingSink.Tag> frames = frameTags();
        assertThat(frames).hasSameSizeAs(packets);
        for (int i = 0; i < frames.size(); i++) {
            FlvVideoTag tag = FlvVideoTag.parse(frames.get(i).body());
            assertThat(tag.exPacketType()).isEqualTo(FlvVideoTag.PACKET_CODED_FRAMES);
            assertThat(tag.isKeyframe()).isEqualTo(packets.get(i).keyframe());
            assertThat(payload(frames.get(i))).isEqualTo(packets.get(i).data());
        }
        assertThat(Vectors.packets(sink).packets()).containsExactlyElementsOf(packets);
    }

    @Test
    void dropsFramesThatArriveBeforeTheirConfiguration() throws IOException {
        List<AVPacket> av1 = Vectors.packets("av1.flv").packets();
        List<AVPacket> vp9 = Vectors.packets("vp9.flv").packets();
        List<AVPacket> hevc = Vectors.packets("hevc-main.flv").packets();
        List<byte[]> hevcSlices = AnnexB.splitNalUnits(hevc.get(1).data()).stream()
                .filter(nal -> hevcType(nal) < 32).toList();

        writer.writeFrame(FrameKind.AV1, av1.get(1).data(), 0, 0); // inter frame, no sequence header yet
        writer.writeFrame(FrameKind.VP9, vp9.get(1).data(), 40, 40); // inter frame before any key frame
        writer.writeFrame(FrameKind.H265, AnnexB.toAnnexB(hevcSlices), 80, 80); // no parameter sets yet

        assertThat(writer.droppedVideoFrames()).isEqualTo(3);
        assertThat(sink.tags).isEmpty();
    }

    @Test
    void parameterSetsAloneWaitForTheNextHevcFrame() throws IOException {
        List<AVPacket> hevc = Vectors.packets("hevc-main.flv").packets();
        List<byte[]> nals = AnnexB.splitNalUnits(hevc.get(0).data());
        List<byte[]> parameterSets = nals.stream().filter(nal -> hevcType(nal) >= 32 && hevcType(nal) <= 34).toList();
        List<byte[]> picture = nals.stream().filter(nal -> hevcType(nal) < 32 || hevcType(nal) > 34).toList();

        writer.writeFrame(FrameKind.H265, AnnexB.toAnnexB(parameterSets), 0, 0);
        assertThat(sink.tags).isEmpty();
        writer.writeFrame(FrameKind.H265, AnnexB.toAnnexB(picture), 40, 40);

        assertThat(sink.labels()).containsExactly("meta@40", "vseq@40", "video@40");
        assertThat(FlvVideoTag.parse(sink.tags.get(2).body()).isKeyframe()).isTrue();
    }

    @Test
    void opusGoesAsEnhancedAudioWithItsOpusHead() throws IOException {
        byte[] headBytes = Vectors.resource("opus-head.bin");
        OpusHead head = OpusHead.parse(headBytes);
        byte[] first = Hex.bytes("FC FF FE 01 02 03");
        byte[] second = Hex.bytes("FC 11 22 33");
        writer.setOpusHead(head);
        writer.flush(); // audio only

        writer.writeFrame(FrameKind.OPUS, first, 0, 0);
        writer.writeFrame(FrameKind.OPUS, second, 20, 20);

        assertThat(sink.labels()).containsExactly("meta@0", "aseq@0", "audio@0", "audio@20");
        assertThat(metadata(0)).contains(number("audiocodecid", FourCc.OPUS), number("audiosamplerate", 48000),
                number("audiochannels", 2));
        FlvAudioTag sequenceStart = FlvAudioTag.parse(sink.tags.get(1).body());
        assertThat(sequenceStart.isExHeader()).isTrue();
        assertThat(sequenceStart.fourCc()).isEqualTo(FourCc.OPUS);
        assertThat(sequenceStart.exPacketType()).isEqualTo(FlvAudioTag.PACKET_SEQUENCE_START);
        assertThat(payload(sink.tags.get(1))).as("the OpusHead byte for byte").isEqualTo(headBytes);
        FlvAudioTag frame = FlvAudioTag.parse(sink.tags.get(2).body());
        assertThat(frame.exPacketType()).isEqualTo(FlvAudioTag.PACKET_CODED_FRAMES);
        assertThat(payload(sink.tags.get(2))).isEqualTo(first);

        Vectors.Read back = Vectors.packets(sink);
        assertThat(back.converter().opusHead()).isEqualTo(head);
        assertThat(back.packets()).containsExactly(new AVPacket(FrameKind.OPUS, first, 0, 0, true, false),
                new AVPacket(FrameKind.OPUS, second, 20, 20, true, false));
    }

    @Test
    void opusWithoutAHeadGetsAStereo48kHzDefault() throws IOException {
        writer.flush();
        writer.writeFrame(FrameKind.OPUS, Hex.bytes("FC 01"), 0, 0);

        OpusHead head = OpusHead.parse(payload(sink.tags.get(1)));
        assertThat(head).isEqualTo(RtmpFrameWriter.DEFAULT_OPUS_HEAD);
        assertThat(head.channels()).isEqualTo(2);
        assertThat(head.inputSampleRate()).isEqualTo(48000);
    }

    @Test
    void aNewOpusHeadSendsANewSequenceStart() throws IOException {
        writer.flush();
        writer.writeFrame(FrameKind.OPUS, Hex.bytes("FC 01"), 0, 0);
        writer.setOpusHead(new OpusHead(1, 1, 312, 48000, 0, 0));
        writer.writeFrame(FrameKind.OPUS, Hex.bytes("F4 01"), 20, 20);

        assertThat(sink.labels()).containsExactly("meta@0", "aseq@0", "audio@0", "aseq@20", "audio@20");
        assertThat(OpusHead.parse(payload(sink.tags.get(3))).channels()).isEqualTo(1);
    }

    @Test
    void refusesAnOpusHeadItCannotWrite() {
        assertThatThrownBy(() -> writer.setOpusHead(new OpusHead(1, 6, 312, 48000, 0, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mp3PassesThroughAsLegacySoundFormat2() throws IOException {
        List<FlvReader.Tag> original = FlvReader.read(Vectors.resource("mp3.flv")).tags().stream()
                .filter(t -> t.type() == FlvTagSink.AUDIO).toList();
        List<AVPacket> packets = Vectors.packets("mp3.flv").packets();
        writer.flush();

        write(packets);

        assertThat(metadata(0)).contains(number("audiocodecid", 2), number("audiosamplerate", 44100),
                number("audiochannels", 1));
        List<RecordingSink.Tag> audio = sink.tags.stream().filter(t -> t.type() == FlvTagSink.AUDIO).toList();
        assertThat(audio).hasSameSizeAs(original);
        for (int i = 0; i < audio.size(); i++) {
            assertThat(audio.get(i).body()).as("tag %d as ffmpeg wrote it", i).isEqualTo(original.get(i).body());
            assertThat(audio.get(i).timestamp()).isEqualTo(original.get(i).timestamp());
        }
        assertThat(Vectors.packets(sink).packets()).containsExactlyElementsOf(packets);
    }

    @Test
    void holdsOpusUntilTheHevcSequenceStartHasGoneOut() throws IOException {
        List<AVPacket> hevc = Vectors.packets("hevc-main.flv").packets();
        long videoStart = hevc.get(0).dts();
        writer.writeFrame(FrameKind.OPUS, Hex.bytes("FC 01"), videoStart, videoStart);
        assertThat(sink.tags).isEmpty();

        writer.writeFrame(FrameKind.H265, hevc.get(0).data(), hevc.get(0).pts(), hevc.get(0).dts());

        assertThat(sink.labels()).containsExactly("meta@" + videoStart, "vseq@" + videoStart, "aseq@" + videoStart,
                "audio@" + videoStart, "video@" + videoStart);
        assertThat(metadata(0)).contains(number("videocodecid", FourCc.HVC1), number("audiocodecid", FourCc.OPUS));
    }

    @Test
    void aCodecChangeSendsNewMetadataAndASequenceHeader() throws IOException {
        List<AVPacket> hevc = Vectors.packets("hevc-main.flv").packets();
        List<AVPacket> vp9 = Vectors.shifted(Vectors.packets("vp9.flv").packets(), 1000);

        write(hevc);
        write(vp9);

        List<RecordingSink.Tag> sequenceHeaders = sink.tags.stream().filter(RecordingSink.Tag::isVideoSequenceHeader).toList();
        assertThat(sequenceHeaders).extracting(t -> FlvVideoTag.parse(t.body()).fourCc()).containsExactly(FourCc.HVC1, FourCc.VP09);
        List<RecordingSink.Tag> metadata = sink.tags.stream().filter(t -> t.type() == FlvTagSink.SCRIPT_DATA).toList();
        assertThat(metadata).hasSize(2);
        assertThat(new String(metadata.get(1).body(), StandardCharsets.ISO_8859_1))
                .contains(number("videocodecid", FourCc.VP09));
    }

    @Test
    void propagatesWriteErrorsOfEnhancedTags() {
        IOException failure = new IOException("player went away");
        RtmpFrameWriter failing = new RtmpFrameWriter((type, timestamp, body) -> {
            throw failure;
        });
        AVPacket key = Vectors.packets("av1.flv").packets().get(0);

        assertThatThrownBy(() -> failing.writeFrame(FrameKind.AV1, key.data(), 0, 0)).isSameAs(failure);
    }

    @Test
    void rejectsMalformedInput() {
        assertThatThrownBy(() -> writer.writeFrame(FrameKind.H265, Hex.bytes("00000001 40"), 0, 0))
                .as("HEVC NAL unit shorter than its header").isInstanceOf(MediaFormatException.class);
        assertThatThrownBy(() -> writer.writeFrame(FrameKind.AV1, Hex.bytes("12 05 00"), 0, 0))
                .as("OBU longer than the data").isInstanceOf(MediaFormatException.class);
        assertThatThrownBy(() -> writer.writeFrame(FrameKind.VP9, Hex.bytes("00 00"), 0, 0))
                .as("no VP9 frame marker").isInstanceOf(MediaFormatException.class);
        assertThatThrownBy(() -> writer.writeFrame(FrameKind.MP3, Hex.bytes("00 01 02 03"), 0, 0))
                .as("no MPEG audio sync word").isInstanceOf(MediaFormatException.class);
        assertThatThrownBy(() -> writer.writeFrame(FrameKind.OPUS, new byte[0], 0, 0))
                .isInstanceOf(MediaFormatException.class);
    }
}
