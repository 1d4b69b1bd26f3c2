package dev.inlet.fuzz;

import dev.inlet.media.AnnexB;
import dev.inlet.media.AudioSpecificConfig;
import dev.inlet.media.Av1CodecConfiguration;
import dev.inlet.media.Av1Obus;
import dev.inlet.media.AvcDecoderConfiguration;
import dev.inlet.media.FlvVideoTag;
import dev.inlet.media.HevcDecoderConfiguration;
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
 * Writes the seed inputs of every fuzz target, cut from the real captures in {@code captures/} and the encoder
 * vectors in {@code media/} (see their READMEs), into {@code <Target>Inputs/fuzz/seed-*}. The fuzz targets replay
 * these in every test run. Run it again after changing a target's input layout; findings ({@code crash-*}) in the
 * same directories are left alone:
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
        enhancedMedia();
        transportStreams();
        fragmentedMp4();
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

    /**
     * The Enhanced RTMP codecs' headers: from the encoder vectors in {@code media/}, and a few more real headers
     * (other profiles, chroma formats, bit depths, timing info) written out below with the ffmpeg 5.1 command that
     * made each; the HEVC SPS is the first type-33 NAL unit of the raw stream, the AV1 sequence header the first
     * type-1 OBU of {@code -f obu} output, the VP9 bytes the first 32 of each IVF frame, the OpusHead the first Ogg
     * packet.
     */
    private void enhancedMedia() throws IOException {
        for (String vector : new String[] {"hevc-main", "hevc-main10"}) {
            byte[] start = flvVideoBodies(vector + ".flv").get(0);
            byte[] hvcc = FlvVideoTag.parse(start).tracks().get(0).data(start);
            write("HevcSps", "x265-" + vector.replace("hevc-", ""), HevcDecoderConfiguration.parse(hvcc).sps().get(0));
        }
        // -s 1920x1080 -r 30000/1001 -c:v libx265 -preset ultrafast: a conformance window (1088 -> 1080), NTSC timing
        write("HevcSps", "x265-1080p-conformance-window", hex("42 01 01 01 60 00 00 03 00 90 00 00 03 00 00 03 00 78"
                + " A0 03 C0 80 11 07 CB 96 56 54 A4 C2 F0 16 80 80 00 01 F4 80 00 3A 98 04"));
        // -s 352x288 -r 50 -pix_fmt yuv444p -x265-params scaling-list=default: RExt profile, chroma 3, scaling lists
        write("HevcSps", "x265-444-scaling-list", hex("42 01 01 04 08 00 00 03 00 9E 08 00 00 03 00 00 3F 90 01 61"
                + " 00 90 B2 CA CA 94 9C 2F 01 68 08 00 00 03 00 08 00 00 03 01 90 40"));
        // -s 200x120 -r 24 -pix_fmt yuv422p10le -x265-params bframes=2:ref=3 -preset medium: 4:2:2, 10 bits
        write("HevcSps", "x265-422-10bit", hex("42 01 01 04 08 00 00 03 00 9D 08 00 00 03 00 00 3C B0 19 20 79 36 59"
                + " 59 24 93 2B C0 5A 02 00 00 03 00 02 00 00 03 00 30 10"));

        byte[] av1Config = flvVideoBodies("av1.flv").get(1); // after ffmpeg's empty SequenceStart
        byte[] av1c = FlvVideoTag.parse(av1Config).tracks().get(0).data(av1Config);
        write("Av1SequenceHeader", "libaom", Av1Obus.find(Av1CodecConfiguration.parse(av1c).configObus(),
                Av1Obus.SEQUENCE_HEADER).orElseThrow());
        // -s 176x144 -r 25 -c:v libaom-av1 -aom-params timing-info=constant: timing info, equal picture interval
        write("Av1SequenceHeader", "libaom-timing-info", hex("0A 14 04 00 00 00 04 00 00 00 67 40 00 00 BB BD 7C 79 B5"
                + " F2 00 80"));
        // -s 64x64 -c:v libaom-av1 -still-picture 1: reduced still picture header
        write("Av1SequenceHeader", "libaom-still-picture", hex("0A 06 18 15 7F FD A0 08"));
        // -s 1280x720 -pix_fmt yuv420p10le -c:v libsvtav1 -preset 12: 10 bits
        write("Av1SequenceHeader", "svtav1-10bit", hex("0A 0B 00 00 00 2D 4C FF B3 CF BF 94 04"));
        // -s 320x240 -pix_fmt yuv444p -c:v librav1e -speed 10: profile 1 (High), 4:4:4
        write("Av1SequenceHeader", "rav1e-444", hex("0A 0D 20 00 00 FA 1E 7F DE 21 0A 90 20 20 25"));

        List<byte[]> vp9 = flvVideoBodies("vp9.flv");
        String[] vp9Names = {null, null, "libvpx-key-frame", "libvpx-inter-frame"};
        for (int i = 2; i < vp9Names.length; i++) {
            byte[] frame = FlvVideoTag.parse(vp9.get(i)).tracks().get(0).data(vp9.get(i));
            write("Vp9FrameHeader", vp9Names[i], Arrays.copyOf(frame, Math.min(frame.length, 32)));
        }
        // -s 96x64 -c:v libvpx-vp9 -deadline realtime with -pix_fmt yuv444p, gbrp, yuv420p10le, yuv444p12le: key frames
        // of profiles 1 (4:4:4, and RGB), 2 (10 bits) and 3 (4:4:4, 12 bits)
        write("Vp9FrameHeader", "libvpx-profile1-444", hex("A2 49 83 42 00 00 BE 00 7E C0 C7 04 83 83 09 40 00 F0 5F 63"
                + " FD 1F 7C BF 89 FF 35 EF F0 D8 7F 75"));
        write("Vp9FrameHeader", "libvpx-profile1-rgb", hex("A2 49 83 42 E0 05 F0 03 F6 06 38 24 1C 18 4A 00 09 70 5F 63"
                + " F7 D5 FC 4F FB 2F 7E C7 A7 E9 1E F3"));
        write("Vp9FrameHeader", "libvpx-profile2-10bit", hex("92 49 83 42 00 02 F8 01 FB 03 1C 12 0E 0C 2C 00 03 18 5F"
                + " 63 FC DF 7D BF 79 CF 60 D8 7F 1B F0 FE"));
        write("Vp9FrameHeader", "libvpx-profile3-444-12bit", hex("B1 24 C1 A1 40 00 2F 80 1F B0 31 C1 20 E0 C2 E0 00 42"
                + " 00 5F 63 FC DF 7D BF 78 BF 7F 16 C3 F8 DF"));
        // frame marker, profile 0, show_existing_frame, frame_to_show_map_idx 0 (VP9 6.2)
        write("Vp9FrameHeader", "show-existing-frame", new byte[] {(byte) 0x88});

        write("OpusHead", "libopus-stereo", resource("media/opus-head.bin"));
        // -af pan=5.1 -c:a libopus -f ogg: 6 channels, channel mapping family 1 with its mapping table
        write("OpusHead", "libopus-5.1", hex("4F 70 75 73 48 65 61 64 01 06 38 01 80 BB 00 00 00 00 01 04 02 00 04 01 02"
                + " 03 05"));
        // -ac 1 -c:a libopus -f ogg: mono
        write("OpusHead", "libopus-mono", hex("4F 70 75 73 48 65 61 64 01 01 38 01 80 BB 00 00 00 00 00"));
    }

    /** The bodies of the video tags of an FLV file in {@code media/}. */
    private static List<byte[]> flvVideoBodies(String vector) throws IOException {
        byte[] file = resource("media/" + vector);
        List<byte[]> bodies = new ArrayList<>();
        int position = ByteBuffer.wrap(file, 5, 4).getInt() + 4; // data offset, then PreviousTagSize0
        while (position + 11 <= file.length) {
            int size = (file[position + 1] & 0xFF) << 16 | (file[position + 2] & 0xFF) << 8 | (file[position + 3] & 0xFF);
            if ((file[position] & 0x1F) == MessageTypes.VIDEO) {
                bodies.add(Arrays.copyOfRange(file, position + 11, position + 11 + size));
            }
            position += 11 + size + 4;
        }
        return bodies;
    }

    private static byte[] hex(String bytes) {
        String[] parts = bytes.trim().split("\\s+");
        byte[] out = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return out;
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

    /** Recordings as a crash leaves them: the H.264 vector muxed into fragments, whole and cut inside the last one. */
    private void fragmentedMp4() throws IOException {
        dev.inlet.media.Vectors.Read read = dev.inlet.media.Vectors.packets("h264-high.flv");
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        dev.inlet.media.fmp4.Fmp4Muxer muxer = new dev.inlet.media.fmp4.Fmp4Muxer(new dev.inlet.media.fmp4.Fmp4Muxer.Sink() {
            @Override
            public void onInitSegment(dev.inlet.media.fmp4.InitSegment init) {
                file.writeBytes(init.bytes());
            }

            @Override
            public void onFragment(dev.inlet.media.fmp4.Fragment fragment) {
                file.writeBytes(fragment.bytes());
            }
        }, new dev.inlet.media.fmp4.Fmp4Muxer.Settings(60, 100, 1 << 20));
        muxer.configure(dev.inlet.media.FrameKind.H264, read.converter().avcConfig().toBytes());
        read.packets().stream().limit(6).forEach(muxer::write);
        muxer.flush();
        byte[] whole = file.toByteArray();
        write("FragmentedMp4Reader", "h264-fragments", whole);
        write("FragmentedMp4Reader", "h264-cut", Arrays.copyOf(whole, whole.length - 100));
    }

    private void write(String target, String name, byte[] content) throws IOException {
        Path dir = root.resolve(target + "FuzzTestInputs").resolve("fuzz");
        Files.createDirectories(dir);
        Files.write(dir.resolve("seed-" + name), content);
    }
}
