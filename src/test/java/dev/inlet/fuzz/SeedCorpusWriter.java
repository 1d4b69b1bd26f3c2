package dev.inlet.fuzz;

import dev.inlet.media.AnnexB;
import dev.inlet.media.AudioSpecificConfig;
import dev.inlet.media.AvcDecoderConfiguration;
import dev.inlet.media.FlvVideoTag;
import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.amf.Amf3Writer;
import dev.inlet.rtmp.chunk.ChunkDecoder;
import dev.inlet.rtmp.chunk.ChunkLimits;
import dev.inlet.rtmp.chunk.UserControl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Writes the seed inputs of every fuzz target, cut from the real captures in {@code captures/} (see their README),
 * into {@code <Target>Inputs/fuzz/seed-*}. The fuzz targets replay these in every test run. Run it again after
 * changing a target's input layout; findings ({@code crash-*}) in the same directories are left alone:
 *
 * <pre>
 * mvn -o -f src/pom.xml test-compile
 * java -cp "src/target/test-classes:src/target/classes" dev.inlet.fuzz.SeedCorpusWriter src/test/resources/dev/inlet/fuzz
 * </pre>
 */
public final class SeedCorpusWriter {

    private static final int HANDSHAKE_BYTES = 1537 + 1536;
    private static final String[] CLIENT_CAPTURES = {"ffmpeg-publish.bin", "gstreamer-publish.bin", "ffmpeg-play.bin"};
    private static final String[] ALL_CAPTURES = {
        "ffmpeg-publish.bin", "gstreamer-publish.bin", "ffmpeg-play.bin", "nginx-play-response.bin"};

    private final Path root;

    private SeedCorpusWriter(Path root) {
        this.root = root;
    }

    public static void main(String[] args) throws IOException {
        SeedCorpusWriter writer = new SeedCorpusWriter(Path.of(args.length > 0 ? args[0] : "src/test/resources/dev/inlet/fuzz"));
        writer.writeAll();
    }

    private void writeAll() throws IOException {
        handshake();
        chunkStreams();
        List<RtmpMessage> messages = new ArrayList<>();
        for (String capture : ALL_CAPTURES) {
            messages.addAll(decode(capture));
        }
        controlMessages(messages);
        amf(messages);
        session();
        media(messages);
        transportStreams();
    }

    private void handshake() throws IOException {
        String[][] pairs = {
            {"ffmpeg-c0c1.bin", "ffmpeg-c2.bin"}, {"ffmpeg-play-c0c1.bin", "ffmpeg-play-c2.bin"},
            {"rtmpdump-c0c1.bin", "rtmpdump-c2.bin"}, {"gstreamer-rtmp2sink-c0c1.bin", null}};
        for (String[] pair : pairs) {
            byte[] c0c1 = resource("captures/handshake/" + pair[0]);
            byte[] c2 = pair[1] == null ? new byte[1536] : resource("captures/handshake/" + pair[1]);
            write("HandshakeServer", pair[0].replace("-c0c1.bin", ""), concat(c0c1, c2));
        }
    }

    private void chunkStreams() throws IOException {
        for (String capture : ALL_CAPTURES) {
            byte[] stream = afterHandshake(capture);
            String name = capture.replace(".bin", "");
            write("ChunkDecoder", name, Arrays.copyOf(stream, Math.min(stream.length, 4096)));
            // Split target: the stream, then piece lengths and their count, which FuzzedDataProvider reads from the end.
            byte[] cut = Arrays.copyOf(stream, Math.min(stream.length, 2048));
            write("ChunkDecoderSplit", name, concat(cut, new byte[] {(byte) 200, 1, 13, 3}));
        }
    }

    private void controlMessages(List<RtmpMessage> messages) throws IOException {
        int index = 0;
        for (RtmpMessage m : distinct(messages, m -> m.typeId() >= MessageTypes.SET_CHUNK_SIZE
                && m.typeId() <= MessageTypes.SET_PEER_BANDWIDTH && m.typeId() != MessageTypes.USER_CONTROL)) {
            write("ProtocolControl", "type" + m.typeId() + "-" + index++, m.payload());
        }
        index = 0;
        for (RtmpMessage m : distinct(messages, m -> m.typeId() == MessageTypes.USER_CONTROL)) {
            write("UserControl", "capture-" + index++, m.payload());
        }
        write("UserControl", "ping-request", UserControl.pingRequest(123456).payload());

        List<RtmpMessage> media = messages.stream().filter(m -> m.isMedia() && m.length() < 600).limit(3).toList();
        write("AggregateMessages", "three-media-messages", aggregateBody(media));
        write("AggregateMessages", "one-media-message", aggregateBody(media.subList(0, 1)));
    }

    private void amf(List<RtmpMessage> messages) throws IOException {
        int index = 0;
        for (RtmpMessage m : distinct(messages, m -> m.typeId() == MessageTypes.COMMAND_AMF0
                || m.typeId() == MessageTypes.DATA_AMF0)) {
            byte[] body = m.payload();
            write("Amf0Reader", "capture-" + index, body);
            int selector = m.typeId() == MessageTypes.COMMAND_AMF0 ? 0 : 2;
            write("CommandMessage", "capture-" + index, concat(new byte[] {(byte) selector}, body));
            if (index % 4 == 0) {
                write("CommandMessage", "amf3-type-" + index, concat(new byte[] {1, 0}, body));
            }
            index++;
        }

        Map<String, Object> object = new LinkedHashMap<>();
        object.put("app", "live");
        object.put("tcUrl", "rtmp://127.0.0.1/live");
        object.put("objectEncoding", 3.0);
        object.put("fpad", false);
        object.put("audioCodecs", 3575);
        write("Amf3Reader", "command-object", new Amf3Writer().write("connect").write(1.0).write(object).toByteArray());
        write("Amf3Reader", "repeated-values", new Amf3Writer()
                .write(List.of("live", "live", 1, -1, 268435455, 2.5e-300))
                .write(object).write(object).write(new byte[] {1, 2, 3}).write(null).write(true).toByteArray());
    }

    private void session() throws IOException {
        int[] policies = {0, 8, 2, 4};
        for (int i = 0; i < CLIENT_CAPTURES.length; i++) {
            List<RtmpMessage> messages = decode(CLIENT_CAPTURES[i]).stream().limit(40)
                    .map(m -> m.isMedia() ? new RtmpMessage(m.typeId(), m.streamId(), m.timestamp(),
                            Arrays.copyOf(m.payload(), Math.min(m.length(), 48))) : m)
                    .toList();
            byte[] framed = SessionMessages.format(messages);
            String name = CLIENT_CAPTURES[i].replace(".bin", "");
            write("ServerSession", name, concat(new byte[] {0}, framed));
            write("ServerSession", name + "-policy" + policies[i + 1], concat(new byte[] {(byte) policies[i + 1]}, framed));
        }
    }

    private void media(List<RtmpMessage> messages) throws IOException {
        List<RtmpMessage> video = messages.stream().filter(m -> m.typeId() == MessageTypes.VIDEO).toList();
        List<RtmpMessage> audio = messages.stream().filter(m -> m.typeId() == MessageTypes.AUDIO).toList();
        RtmpMessage avcHeader = video.stream().filter(m -> m.payload()[1] == 0).findFirst().orElseThrow();
        RtmpMessage aacHeader = audio.stream().filter(m -> m.payload()[1] == 0).findFirst().orElseThrow();
        RtmpMessage keyframe = video.stream().filter(m -> m.payload()[0] == 0x17 && m.payload()[1] == 1).findFirst().orElseThrow();
        RtmpMessage smallInter = video.stream().filter(m -> m.payload()[0] == 0x27).min((a, b) -> a.length() - b.length()).orElseThrow();
        RtmpMessage aacFrame = audio.stream().filter(m -> m.payload()[1] == 1).findFirst().orElseThrow();

        write("FlvVideoTag", "avc-sequence-header", avcHeader.payload());
        write("FlvVideoTag", "avc-inter-frame-head", Arrays.copyOf(smallInter.payload(), 32));
        write("FlvVideoTag", "avc-end-of-sequence", new byte[] {0x17, 2, 0, 0, 0});
        write("FlvVideoTag", "enhanced-hevc-coded-frames", new byte[] {(byte) 0x91, 'h', 'v', 'c', '1', 0, 0, 0, 0, 1});
        write("FlvAudioTag", "aac-sequence-header", aacHeader.payload());
        write("FlvAudioTag", "aac-frame-head", Arrays.copyOf(aacFrame.payload(), 16));
        write("FlvAudioTag", "mp3-head", new byte[] {0x2F, (byte) 0xFF, (byte) 0xFB});

        byte[] avcRecord = Arrays.copyOfRange(avcHeader.payload(), 5, avcHeader.length());
        write("AvcDecoderConfiguration", "capture", avcRecord);
        AvcDecoderConfiguration config = AvcDecoderConfiguration.parse(avcRecord);
        int index = 0;
        for (RtmpMessage m : distinct(video, m -> m.payload()[1] == 0)) {
            byte[] record = Arrays.copyOfRange(m.payload(), 5, m.length());
            write("AvcDecoderConfiguration", "capture-" + index, record);
            write("AvcSps", "capture-" + index++, AvcDecoderConfiguration.parse(record).sps().get(0));
        }

        byte[] asc = Arrays.copyOfRange(aacHeader.payload(), 2, aacHeader.length());
        write("AudioSpecificConfig", "capture", asc);
        write("AudioSpecificConfig", "explicit-rate", new AudioSpecificConfig(2, 44056, 2).toBytes());
        write("AudioSpecificConfig", "escaped-object-type", new AudioSpecificConfig(42, 48000, 6).toBytes());
        AudioSpecificConfig aac = AudioSpecificConfig.parse(asc);
        byte[] raw = Arrays.copyOfRange(aacFrame.payload(), 2, Math.min(aacFrame.length(), 40));
        byte[] adtsFrame = concat(aac.adtsHeader(raw.length), raw);
        write("AdtsHeader", "two-frames", concat(adtsFrame, adtsFrame));

        FlvVideoTag tag = FlvVideoTag.parse(smallInter.payload());
        List<byte[]> nals = AnnexB.fromAvcc(smallInter.payload(), tag.payloadOffset(), config.nalLengthSize());
        write("AnnexB", "avcc-inter-frame", concat(new byte[] {(byte) (config.nalLengthSize() - 1)},
                AnnexB.toAvcc(nals, config.nalLengthSize())));
        List<byte[]> parameterSets = new ArrayList<>(config.sps());
        parameterSets.addAll(config.pps());
        write("AnnexB", "annexb-parameter-sets", AnnexB.toAnnexB(parameterSets));

        List<RtmpMessage> publish = new ArrayList<>(List.of(avcHeader, aacHeader, smallInter, aacFrame));
        publish.add(new RtmpMessage(MessageTypes.DATA_AMF0, 1, 0, new byte[] {2, 0, 1, 'x'}));
        write("FlvToAvPacket", "capture", SessionMessages.format(publish));
        write("FlvToAvPacket", "keyframe-without-parameter-sets",
                SessionMessages.format(List.of(avcHeader, new RtmpMessage(MessageTypes.VIDEO, 1, 40,
                        concat(new byte[] {0x17, 1, 0, 0, 0}, AnnexB.toAvcc(List.of(new byte[] {0x65, (byte) 0x88, 0x40}),
                                config.nalLengthSize()))))));
    }

    private static byte[] aggregateBody(List<RtmpMessage> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (RtmpMessage m : parts) {
            long ts = m.timestamp();
            int length = m.length();
            out.writeBytes(new byte[] {(byte) m.typeId(), (byte) (length >> 16), (byte) (length >> 8), (byte) length,
                (byte) (ts >> 16), (byte) (ts >> 8), (byte) ts, (byte) (ts >> 24), 0, 0, 0});
            out.writeBytes(m.payload());
            int back = 11 + length;
            out.writeBytes(new byte[] {(byte) (back >> 24), (byte) (back >> 16), (byte) (back >> 8), (byte) back});
        }
        return out.toByteArray();
    }

    private static List<RtmpMessage> distinct(List<RtmpMessage> messages, Predicate<RtmpMessage> filter) {
        List<RtmpMessage> result = new ArrayList<>();
        for (RtmpMessage m : messages) {
            if (filter.test(m) && result.stream().noneMatch(r -> r.typeId() == m.typeId() && Arrays.equals(r.payload(), m.payload()))) {
                result.add(m);
            }
        }
        return result;
    }

    private static List<RtmpMessage> decode(String capture) throws IOException {
        List<RtmpMessage> messages = new ArrayList<>();
        new ChunkDecoder(ChunkLimits.defaults()).decode(ByteBuffer.wrap(afterHandshake(capture)), messages::add);
        return messages;
    }

    private static byte[] afterHandshake(String capture) throws IOException {
        byte[] bytes = resource("captures/" + capture);
        return Arrays.copyOfRange(bytes, HANDSHAKE_BYTES, bytes.length);
    }

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = SeedCorpusWriter.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("missing test resource " + path);
            }
            return in.readAllBytes();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    /**
     * The TS demuxer's seeds: the opening packets (PAT, PMT, the first keyframe and audio) of each ffmpeg-made fixture
     * in {@code media/ts/}, behind the chunk-size byte: one packet per chunk, and byte by byte.
     */
    private void transportStreams() throws IOException {
        String[] fixtures = {"h264-aac", "h265-opus", "h264-aac-mp2"};
        for (String fixture : fixtures) {
            byte[] ts = resource("dev/inlet/media/ts/" + fixture + ".ts");
            byte[] opening = Arrays.copyOf(ts, Math.min(ts.length, 40 * 188));
            write("TsDemuxer", fixture, concat(new byte[] {(byte) (188 - 1)}, opening));
            write("TsDemuxer", fixture + "-bytewise", concat(new byte[] {0}, Arrays.copyOf(opening, 12 * 188)));
        }
    }

    private void write(String target, String name, byte[] content) throws IOException {
        Path dir = root.resolve(target + "FuzzTestInputs").resolve("fuzz");
        Files.createDirectories(dir);
        Files.write(dir.resolve("seed-" + name), content);
    }
}
