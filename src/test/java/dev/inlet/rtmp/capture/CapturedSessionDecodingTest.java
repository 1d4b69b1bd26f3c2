package dev.inlet.rtmp.capture;

import dev.inlet.media.AvcDecoderConfiguration;
import dev.inlet.media.AudioSpecificConfig;
import dev.inlet.media.FlvAudioTag;
import dev.inlet.media.FlvVideoTag;
import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.amf.AmfLimits;
import dev.inlet.rtmp.chunk.ChunkDecoder;
import dev.inlet.rtmp.chunk.ChunkLimits;
import dev.inlet.rtmp.command.CommandMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real client byte streams (see captures/README.md) through the chunk decoder, the AMF reader and
 * the FLV tag parsers: what ffmpeg and GStreamer actually send must decode to what they meant.
 */
class CapturedSessionDecodingTest {

    private static final int HANDSHAKE_BYTES = 1537 + 1536;

    @ParameterizedTest
    @ValueSource(strings = {"ffmpeg-publish.bin", "gstreamer-publish.bin"})
    void publishSessionDecodesToConnectPublishMetadataAndSequenceHeaders(String capture) throws IOException {
        List<RtmpMessage> messages = decode(capture);

        List<CommandMessage> commands = messages.stream()
                .filter(m -> m.typeId() == MessageTypes.COMMAND_AMF0)
                .map(m -> CommandMessage.decode(m, AmfLimits.defaults()))
                .toList();
        assertThat(commands).extracting(CommandMessage::name)
                .containsSubsequence("connect", "releaseStream", "FCPublish", "createStream", "publish");

        Map<String, Object> connect = commands.get(0).commandProperties();
        assertThat(connect.get("app")).isEqualTo("live");
        assertThat((String) connect.get("tcUrl")).startsWith("rtmp://127.0.0.1:").endsWith("/live");

        CommandMessage publish = commands.stream().filter(c -> c.name().equals("publish")).findFirst().orElseThrow();
        assertThat(publish.stringArgument(0)).isEqualTo("demo");
        assertThat(publish.stringArgument(1)).isEqualTo("live");
        RtmpMessage publishMessage = messages.stream()
                .filter(m -> m.typeId() == MessageTypes.COMMAND_AMF0 && CommandMessage.decode(m, AmfLimits.defaults()).name().equals("publish"))
                .findFirst().orElseThrow();
        assertThat(publishMessage.streamId()).isEqualTo(1);

        RtmpMessage metadata = messages.stream().filter(m -> m.typeId() == MessageTypes.DATA_AMF0).findFirst().orElseThrow();
        List<Object> values = CommandMessage.readValues(metadata, AmfLimits.defaults());
        assertThat(values.get(0)).isEqualTo("@setDataFrame");
        assertThat(values.get(1)).isEqualTo("onMetaData");
        @SuppressWarnings("unchecked")
        Map<String, Object> properties = (Map<String, Object>) values.get(2);
        assertThat(((Number) properties.get("width")).intValue()).isIn(320, 640);
        assertThat(((Number) properties.get("videocodecid")).intValue()).isEqualTo(7);
        assertThat(((Number) properties.get("audiocodecid")).intValue()).isEqualTo(10);

        RtmpMessage avcHeader = messages.stream().filter(m -> m.typeId() == MessageTypes.VIDEO).findFirst().orElseThrow();
        FlvVideoTag videoTag = FlvVideoTag.parse(avcHeader.payload());
        assertThat(videoTag.isAvc()).isTrue();
        assertThat(videoTag.isSequenceHeader()).isTrue();
        AvcDecoderConfiguration avc = AvcDecoderConfiguration.parse(
                Arrays.copyOfRange(avcHeader.payload(), videoTag.payloadOffset(), avcHeader.payload().length));
        assertThat(avc.sps()).isNotEmpty();
        assertThat(avc.pps()).isNotEmpty();

        RtmpMessage aacHeader = messages.stream().filter(m -> m.typeId() == MessageTypes.AUDIO).findFirst().orElseThrow();
        FlvAudioTag audioTag = FlvAudioTag.parse(aacHeader.payload());
        assertThat(audioTag.isAac()).isTrue();
        assertThat(audioTag.isSequenceHeader()).isTrue();
        AudioSpecificConfig asc = AudioSpecificConfig.parse(
                Arrays.copyOfRange(aacHeader.payload(), audioTag.payloadOffset(), aacHeader.payload().length));
        assertThat(asc.sampleRate()).isEqualTo(44100);

        List<RtmpMessage> videoFrames = messages.stream()
                .filter(m -> m.typeId() == MessageTypes.VIDEO && !FlvVideoTag.parse(m.payload()).isSequenceHeader())
                .toList();
        assertThat(videoFrames).isNotEmpty();
        assertThat(FlvVideoTag.parse(videoFrames.get(0).payload()).isKeyframe()).isTrue();
        long previous = -1;
        for (RtmpMessage frame : videoFrames) {
            assertThat(frame.timestamp()).isGreaterThanOrEqualTo(previous);
            previous = frame.timestamp();
        }
    }

    @Test
    void ffmpegPlaySessionDecodesToConnectCreateStreamAndPlay() throws IOException {
        List<CommandMessage> commands = decode("ffmpeg-play.bin").stream()
                .filter(m -> m.typeId() == MessageTypes.COMMAND_AMF0)
                .map(m -> CommandMessage.decode(m, AmfLimits.defaults()))
                .toList();

        assertThat(commands).extracting(CommandMessage::name)
                .containsSubsequence("connect", "createStream", "getStreamLength", "play", "deleteStream");
        CommandMessage play = commands.stream().filter(c -> c.name().equals("play")).findFirst().orElseThrow();
        assertThat(play.stringArgument(0)).isEqualTo("demo");
        assertThat(play.numberArgument(1)).isEqualTo(-2000.0);
    }

    @Test
    void feedingACaptureInSmallPiecesGivesTheSameMessages() throws IOException {
        byte[] bytes = read("gstreamer-publish.bin");
        List<RtmpMessage> whole = decode("gstreamer-publish.bin");
        ChunkDecoder decoder = new ChunkDecoder(ChunkLimits.defaults());
        List<RtmpMessage> pieces = new ArrayList<>();
        ByteBuffer pending = ByteBuffer.allocate(bytes.length);
        for (int offset = HANDSHAKE_BYTES; offset < bytes.length; offset += 97) {
            pending.put(bytes, offset, Math.min(97, bytes.length - offset));
            pending.flip();
            decoder.decode(pending, pieces::add);
            pending.compact();
        }
        assertThat(pieces).hasSameSizeAs(whole);
        for (int i = 0; i < whole.size(); i++) {
            assertThat(pieces.get(i).payload()).isEqualTo(whole.get(i).payload());
            assertThat(pieces.get(i).timestamp()).isEqualTo(whole.get(i).timestamp());
        }
    }

    private static List<RtmpMessage> decode(String capture) throws IOException {
        byte[] bytes = read(capture);
        ByteBuffer buffer = ByteBuffer.wrap(bytes, HANDSHAKE_BYTES, bytes.length - HANDSHAKE_BYTES);
        List<RtmpMessage> messages = new ArrayList<>();
        new ChunkDecoder(ChunkLimits.defaults()).decode(buffer, messages::add);
        // the capture is cut at a fixed size: only the final, incomplete chunk may remain
        assertThat(buffer.remaining()).isLessThan(4096 + 18);
        return messages;
    }

    private static byte[] read(String capture) throws IOException {
        try (InputStream in = CapturedSessionDecodingTest.class.getResourceAsStream("/captures/" + capture)) {
            assertThat(in).as(capture).isNotNull();
            return in.readAllBytes();
        }
    }
}
