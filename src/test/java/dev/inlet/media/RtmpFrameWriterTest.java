package dev.inlet.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RtmpFrameWriterTest {

    private static final byte[] SPS = Hex.bytes("6764001eacd940a02ff97011000003000100000300320f162d96");
    private static final byte[] SPS_720P = Hex.bytes("6764001facd9405005bb011000000300100000030320f1831960");
    private static final byte[] PPS = Hex.bytes("68ebe3cb22c0");
    private static final byte[] AUD = Hex.bytes("0910");
    private static final byte[] SEI = Hex.bytes("0605FF80");
    private static final byte[] IDR = Hex.bytes("658884002F");
    private static final byte[] P_SLICE = Hex.bytes("419A2233");
    private static final byte[] RAW_AAC = Hex.bytes("21 1B 80 00");
    private static final AudioSpecificConfig LC_44100_STEREO = new AudioSpecificConfig(2, 44100, 2);

    private final RecordingSink sink = new RecordingSink();
    private final RtmpFrameWriter writer = new RtmpFrameWriter(sink);

    private static byte[] annexB(byte[]... nals) {
        return AnnexB.toAnnexB(List.of(nals));
    }

    private static byte[] adts(byte[] raw) {
        return Hex.concat(LC_44100_STEREO.adtsHeader(raw.length), raw);
    }

    @Test
    void sendsMetadataAndSequenceHeaderAtTheFirstFramesTimestamp() throws IOException {
        writer.writeFrame(FrameKind.H264, annexB(AUD, SPS, PPS, SEI, IDR), 5080, 5000);

        assertThat(sink.labels()).containsExactly("meta@5000", "vseq@5000", "video@5000");
        byte[] sequenceHeader = sink.tags.get(1).body();
        AvcDecoderConfiguration config = AvcDecoderConfiguration.parse(Arrays.copyOfRange(sequenceHeader, 5, sequenceHeader.length));
        assertThat(config.sps()).containsExactly(SPS);
        assertThat(config.pps()).containsExactly(PPS);
        assertThat(config.nalLengthSize()).isEqualTo(4);

        byte[] frame = sink.tags.get(2).body();
        FlvVideoTag tag = FlvVideoTag.parse(frame);
        assertThat(tag.isKeyframe()).isTrue();
        assertThat(tag.compositionTime()).isEqualTo(80);
        assertThat(AnnexB.fromAvcc(frame, tag.payloadOffset(), 4)).as("no SPS, PPS or AUD in the frame")
                .containsExactly(SEI, IDR);
    }

    @Test
    void describesTheStreamInOnMetaData() throws IOException {
        writer.setAudioConfig(LC_44100_STEREO);
        writer.writeFrame(FrameKind.H264, annexB(SPS, PPS, IDR), 0, 0);

        String metadata = new String(sink.tags.get(0).body(), StandardCharsets.ISO_8859_1);
        assertThat(sink.tags.get(0).type()).isEqualTo(FlvTagSink.SCRIPT_DATA);
        assertThat(metadata).startsWith("\u0002\u0000\nonMetaData\u0008")
                .contains("width\u0000" + doubleBytes(640), "height\u0000" + doubleBytes(360),
                        "videocodecid\u0000" + doubleBytes(7), "audiocodecid\u0000" + doubleBytes(10),
                        "audiosamplerate\u0000" + doubleBytes(44100), "stereo\u0001\u0001")
                .endsWith("\u0000\u0000\u0009");
    }

    private static String doubleBytes(double value) {
        byte[] bytes = java.nio.ByteBuffer.allocate(8).putDouble(value).array();
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Test
    void sendsInterFramesWithNegativeCompositionTime() throws IOException {
        writer.writeFrame(FrameKind.H264, annexB(SPS, PPS, IDR), 0, 0);
        writer.writeFrame(FrameKind.H264, annexB(P_SLICE), 40, 80);

        FlvVideoTag tag = FlvVideoTag.parse(sink.tags.get(3).body());
        assertThat(sink.tags.get(3).timestamp()).isEqualTo(80);
        assertThat(tag.frameType()).isEqualTo(FlvVideoTag.FRAME_TYPE_INTER);
        assertThat(tag.compositionTime()).isEqualTo(-40);
    }

    @Test
    void sendsANewSequenceHeaderWhenTheSpsChanges() throws IOException {
        writer.writeFrame(FrameKind.H264, annexB(SPS, PPS, IDR), 0, 0);
        writer.writeFrame(FrameKind.H264, annexB(SPS, PPS, IDR), 40, 40); // same parameter sets: nothing new
        writer.writeFrame(FrameKind.H264, annexB(SPS_720P, PPS, IDR), 80, 80);
        writer.writeFrame(FrameKind.H264, annexB(P_SLICE), 120, 120);

        assertThat(sink.labels()).containsExactly("meta@0", "vseq@0", "video@0", "video@40",
                "vseq@80", "video@80", "video@120");
        byte[] second = sink.tags.get(4).body();
        assertThat(AvcDecoderConfiguration.parse(Arrays.copyOfRange(second, 5, second.length)).sps()).containsExactly(SPS_720P);
    }

    @Test
    void dropsVideoUntilParameterSetsArrive() throws IOException {
        writer.writeFrame(FrameKind.H264, annexB(P_SLICE), 0, 0);
        writer.writeFrame(FrameKind.H264, annexB(SPS), 40, 40);
        writer.writeFrame(FrameKind.H264, annexB(PPS, IDR), 80, 80);

        assertThat(writer.droppedVideoFrames()).isEqualTo(1);
        assertThat(sink.labels()).containsExactly("meta@80", "vseq@80", "video@80");
    }

    @Test
    void holdsEarlyAudioUntilVideoStartsThenSendsItFirst() throws IOException {
        writer.writeFrame(FrameKind.AAC, adts(RAW_AAC), 0, 0);
        writer.writeFrame(FrameKind.AAC, adts(RAW_AAC), 23, 23);
        assertThat(sink.tags).isEmpty();

        writer.writeFrame(FrameKind.H264, annexB(SPS, PPS, IDR), 40, 40);
        writer.writeFrame(FrameKind.AAC, adts(RAW_AAC), 46, 46);

        assertThat(sink.labels()).containsExactly("meta@0", "vseq@0", "aseq@0", "audio@0", "audio@23", "video@40", "audio@46");
        assertThat(FlvAudioTag.parse(sink.tags.get(3).body()).payloadLength()).isEqualTo(RAW_AAC.length);
        assertThat(Arrays.copyOfRange(sink.tags.get(2).body(), 2, 4)).isEqualTo(Hex.bytes("1210"));
    }

    @Test
    void releasesHeldAudioAfterOneSecondSoAudioOnlyStreamsPlay() throws IOException {
        long time = 0;
        long last;
        do {
            last = time;
            writer.writeFrame(FrameKind.AAC, adts(RAW_AAC), time, time);
            time += 23;
            assertThat(last).as("hold must be bounded").isLessThanOrEqualTo(RtmpFrameWriter.MAX_HELD_AUDIO_MS + 23);
        } while (sink.tags.isEmpty());
        assertThat(last).as("held for about a second").isGreaterThanOrEqualTo(RtmpFrameWriter.MAX_HELD_AUDIO_MS);
        assertThat(sink.tags.get(0).type()).isEqualTo(FlvTagSink.SCRIPT_DATA);
        assertThat(sink.tags.get(1).isAudioSequenceHeader()).isTrue();
        int held = sink.tags.size() - 2;
        assertThat(held).isEqualTo((int) (time / 23));

        writer.writeFrame(FrameKind.AAC, adts(RAW_AAC), time, time);
        assertThat(sink.tags).hasSize(held + 3);
        assertThat(sink.labels().get(held + 2)).isEqualTo("audio@" + time);
    }

    @Test
    void announcesVideoThatStartsAfterAudioInANewOnMetaData() throws IOException {
        writer.flush();
        writer.writeFrame(FrameKind.AAC, adts(RAW_AAC), 0, 0);
        writer.writeFrame(FrameKind.H264, annexB(SPS, PPS, IDR), 40, 40);

        assertThat(sink.labels()).containsExactly("meta@0", "aseq@0", "audio@0", "meta@40", "vseq@40", "video@40");
    }

    @Test
    void boundsHeldAudioByFrameCount() throws IOException {
        for (int i = 0; i < RtmpFrameWriter.MAX_HELD_AUDIO_FRAMES; i++) {
            writer.writeFrame(FrameKind.AAC, adts(RAW_AAC), 0, 0); // same timestamp: only the count bound applies
        }
        assertThat(sink.tags).hasSize(2 + RtmpFrameWriter.MAX_HELD_AUDIO_FRAMES);
    }

    @Test
    void flushReleasesHeldAudio() throws IOException {
        writer.setAudioConfig(LC_44100_STEREO);
        writer.writeFrame(FrameKind.AAC, RAW_AAC, 0, 0);
        writer.flush();

        assertThat(sink.labels()).containsExactly("meta@0", "aseq@0", "audio@0");
    }

    @Test
    void splitsSeveralAdtsFramesAndSpacesTheirTimestamps() throws IOException {
        writer.flush(); // no video expected
        writer.writeFrame(FrameKind.AAC, Hex.concat(adts(RAW_AAC), adts(Hex.bytes("2100")), adts(RAW_AAC)), 1000, 1000);

        // 1024 samples at 44.1 kHz = 23.2 ms
        assertThat(sink.labels()).containsExactly("meta@1000", "aseq@1000", "audio@1000", "audio@1023", "audio@1046");
        assertThat(Arrays.copyOfRange(sink.tags.get(3).body(), 2, 4)).isEqualTo(Hex.bytes("2100"));
    }

    @Test
    void sendsANewAudioSequenceHeaderWhenTheConfigChanges() throws IOException {
        writer.flush();
        writer.writeFrame(FrameKind.AAC, adts(RAW_AAC), 0, 0);
        AudioSpecificConfig mono48k = new AudioSpecificConfig(2, 48000, 1);
        writer.writeFrame(FrameKind.AAC, Hex.concat(mono48k.adtsHeader(RAW_AAC.length), RAW_AAC), 21, 21);

        assertThat(sink.labels()).containsExactly("meta@0", "aseq@0", "audio@0", "aseq@21", "audio@21");
        assertThat(Arrays.copyOfRange(sink.tags.get(3).body(), 2, 4)).isEqualTo(mono48k.toBytes());
    }

    @Test
    void refusesRawAacWithoutAConfiguration() {
        assertThatThrownBy(() -> writer.writeFrame(FrameKind.AAC, RAW_AAC, 0, 0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void passesDataMessagesThrough() throws IOException {
        byte[] amf = Hex.bytes("02 0004 74657374 05");
        writer.writeFrame(FrameKind.DATA, amf, 7, 7);

        assertThat(sink.tags).singleElement().satisfies(tag -> {
            assertThat(tag.type()).isEqualTo(FlvTagSink.SCRIPT_DATA);
            assertThat(tag.body()).isEqualTo(amf);
        });
    }

    @Test
    void rejectsWhatFlvCannotCarry() {
        assertThatThrownBy(() -> writer.writeFrame(FrameKind.H264, annexB(SPS, PPS, IDR), 0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.writeFrame(FrameKind.H264, annexB(SPS, PPS, IDR), 1 << 23, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.writeFrame(FrameKind.H264, Hex.bytes("6588"), 0, 0)).isInstanceOf(MediaFormatException.class);
        assertThatThrownBy(() -> writer.writeFrame(FrameKind.AAC, Hex.bytes("FFF1 5080 2E7F FC 00"), 0, 0))
                .as("ADTS frame longer than the data").isInstanceOf(MediaFormatException.class);
    }

    @Test
    void propagatesWriteErrors() {
        IOException failure = new IOException("player went away");
        RtmpFrameWriter failing = new RtmpFrameWriter((type, timestamp, body) -> {
            throw failure;
        });

        assertThatThrownBy(() -> failing.writeFrame(FrameKind.H264, annexB(SPS, PPS, IDR), 0, 0)).isSameAs(failure);
    }
}
