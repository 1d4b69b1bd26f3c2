package dev.inlet.media;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Turns access units into FLV tags for one play session or one FLV file: the mirror of {@link FlvToAvPacket}.
 * Not thread-safe: one writer per sink, calls must not overlap.
 *
 * <p>What it sends, and when:
 * <ul>
 *   <li>{@code onMetaData} (script data) before the first media tag, and again when a codec appears later (video
 *       after audio-only, or audio after video). It lists width, height, video and audio codec ids, sample rate and
 *       channels as first seen. It is not repeated when the picture size or audio configuration changes: decoders take
 *       those from the new sequence header, and ffprobe 5.1 crashes on a mid-stream onMetaData after a size change.</li>
 *   <li>A video sequence header before the first frame, and a new one before the frame that brings a different
 *       configuration: for H.264 a legacy AVC sequence header built from the SPS/PPS found in the access units; for
 *       H.265 an Enhanced RTMP {@code hvc1} SequenceStart with an {@code hvcC} built from the VPS/SPS/PPS; for AV1 an
 *       {@code av01} SequenceStart with an {@code av1C} built from the sequence header OBU; for VP9 a {@code vp09}
 *       SequenceStart with a {@code vpcC} built from the header of a key frame (profile, bit depth, chroma).
 *       H.264 and H.265 frames carry slices and SEI only, never the parameter sets (the sequence header carries them)
 *       nor access unit delimiters; H.265 frames go as CodedFrames, or CodedFramesX when the composition time is 0.
 *       AV1 and VP9 frames pass through unchanged as CodedFrames; FLV has no composition time for them, so their
 *       {@code pts} is not sent. Frames that arrive before their configuration is known cannot be decoded and are
 *       dropped ({@link #droppedVideoFrames()}). A change of video codec is a change of configuration.</li>
 *   <li>An AAC sequence header before the first AAC frame and whenever the configuration changes; an Enhanced RTMP
 *       {@code Opus} SequenceStart with the OpusHead ({@link #setOpusHead}, or a stereo 48 kHz default) before the
 *       first Opus frame and whenever the head changes; MP3 goes as legacy sound format 2 (14 at 8 kHz) with no
 *       sequence header.</li>
 *   <li>{@code onMetaData} gives legacy codecs their FLV codec id (7 H.264, 10 AAC, 2 MP3) and Enhanced RTMP codecs
 *       their FourCC as a number ({@code videocodecid = 'hvc1'} etc.), as the Enhanced RTMP specification has it,
 *       plus the frame rate when the configuration signals one.</li>
 *   <li>Sequence headers and metadata carry the timestamp of the first frame sent after them (not 0), so the tag
 *       timeline never jumps back.</li>
 *   <li>Audio that arrives before the first video frame is held back, so players that probe the start of a stream see
 *       the video too; it is released, in order and ahead of that frame, when video starts, or when more than
 *       {@value #MAX_HELD_AUDIO_MS} ms or {@value #MAX_HELD_AUDIO_FRAMES} frames are held, so audio-only streams still
 *       play. {@link #flush()} releases it at the end of a stream.</li>
 * </ul>
 * Tag timestamps are decoding times; the composition offset {@code pts - dts} goes into the AVC or HEVC header.
 * Write errors of the sink propagate unchanged.
 */
public final class RtmpFrameWriter {

    /** How much audio, in milliseconds of timestamps, is held back waiting for the first video frame. */
    public static final long MAX_HELD_AUDIO_MS = 1000;
    /** How many audio frames are held back at most waiting for the first video frame. */
    public static final int MAX_HELD_AUDIO_FRAMES = 64;
    /** The OpusHead sent when none was set: stereo, 48 kHz, no pre-skip (nothing is trimmed), mapping family 0. */
    public static final OpusHead DEFAULT_OPUS_HEAD = new OpusHead(1, 2, 0, OpusHead.OUTPUT_SAMPLE_RATE, 0, 0);

    private static final int MIN_COMPOSITION_TIME = -(1 << 23);
    private static final int MAX_COMPOSITION_TIME = (1 << 23) - 1;

    private final FlvTagSink sink;

    private FrameKind videoKind;
    private VideoPacketizer video;
    private boolean videoAnnounced;
    private DecoderConfigurationRecord sentVideoConfig;
    private AudioSpecificConfig audioConfig;
    private OpusHead opusHead = DEFAULT_OPUS_HEAD;
    private AudioInfo audioInfo;
    private Object sentAudioConfig;
    private boolean metadataStale = true;
    private Map<String, Object> sentMetadata;
    private final ArrayDeque<HeldAudio> heldAudio = new ArrayDeque<>();
    private boolean audioHoldOver;
    private long droppedVideoFrames;

    public RtmpFrameWriter(FlvTagSink sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /**
     * Sends one access unit. H264 and H265: Annex-B; AV1: one temporal unit of OBUs in the low-overhead format
     * (section 5.3 of the AV1 specification, every OBU with its size field); VP9: one frame or superframe; AAC: one or
     * more ADTS frames, or one raw frame (raw needs {@link #setAudioConfig} first); OPUS: one Opus packet; MP3: one MP3
     * frame; DATA: AMF0 bytes sent as a script-data tag unchanged. pts/dts in ms; dts must not be negative and
     * {@code pts - dts} must fit FLV's signed 24 bits.
     *
     * @throws MediaFormatException     if the data is malformed
     * @throws IllegalArgumentException for timestamps out of range
     * @throws IllegalStateException    for raw AAC without an audio configuration
     * @throws IOException              if the sink fails
     */
    public void writeFrame(FrameKind kind, byte[] data, long pts, long dts) throws IOException {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(data, "data");
        if (dts < 0) {
            throw new IllegalArgumentException("negative dts " + dts);
        }
        switch (kind) {
            case H264, H265, AV1, VP9 -> writeVideo(kind, data, pts, dts);
            case AAC -> writeAac(data, dts);
            case OPUS -> writeOpus(data, dts);
            case MP3 -> writeMp3(data, dts);
            case DATA -> sink.writeTag(FlvTagSink.SCRIPT_DATA, dts, data.clone());
        }
    }

    /** The AudioSpecificConfig for raw AAC frames (ADTS frames bring their own). */
    public void setAudioConfig(AudioSpecificConfig config) {
        Objects.requireNonNull(config, "config");
        audioConfig = config;
        describeAudio(new AudioInfo(FlvAudioTag.FORMAT_AAC, config.sampleRate(), config.channels()));
    }

    /**
     * The OpusHead sent in the Opus sequence header ({@link FlvToAvPacket#opusHead()} of the publish); without it,
     * {@link #DEFAULT_OPUS_HEAD}. Only channel mapping family 0 (mono or stereo) can be written: the other families
     * need a mapping table that {@link OpusHead} does not keep.
     *
     * @throws IllegalArgumentException for another mapping family or more than two channels
     */
    public void setOpusHead(OpusHead head) {
        Objects.requireNonNull(head, "head");
        if (head.mappingFamily() != 0 || head.channels() > 2) {
            throw new IllegalArgumentException("only Opus channel mapping family 0 (1 or 2 channels) can be written: "
                    + head);
        }
        opusHead = head;
        describeAudio(new AudioInfo(FourCc.OPUS, OpusHead.OUTPUT_SAMPLE_RATE, head.channels()));
    }

    /** Sends the audio held back waiting for video; call at the end of a stream, or once it is known to have no video. */
    public void flush() throws IOException {
        audioHoldOver = true;
        sendHeldAudio();
    }

    /** Video access units dropped because their decoder configuration (parameter sets, key frame) was not known yet. */
    public long droppedVideoFrames() {
        return droppedVideoFrames;
    }

    private void writeVideo(FrameKind kind, byte[] data, long pts, long dts) throws IOException {
        long compositionTime = pts - dts;
        if (compositionTime < MIN_COMPOSITION_TIME || compositionTime > MAX_COMPOSITION_TIME) {
            throw new IllegalArgumentException("pts - dts = " + compositionTime + " ms does not fit FLV's 24 bits");
        }
        VideoPacketizer packetizer = packetizerFor(kind);
        VideoPacketizer.Picture picture = packetizer.read(data);
        DecoderConfigurationRecord config = packetizer.configuration();
        if (config != null && !videoAnnounced) {
            metadataStale = true;
            videoAnnounced = true;
        }
        if (picture == null) {
            return; // configuration alone: it goes out in the sequence header before the next frame
        }
        if (config == null) {
            droppedVideoFrames++;
            return;
        }
        long tagTime = heldAudio.isEmpty() ? dts : Math.min(dts, heldAudio.peekFirst().dts());
        sendMetadataIfStale(tagTime);
        if (!config.equals(sentVideoConfig)) {
            sink.writeTag(FlvTagSink.VIDEO, tagTime, sequenceHeader(packetizer));
            sentVideoConfig = config;
        }
        audioHoldOver = true;
        sendHeldAudio();
        int frameType = picture.keyframe() ? FlvVideoTag.FRAME_TYPE_KEY : FlvVideoTag.FRAME_TYPE_INTER;
        sink.writeTag(FlvTagSink.VIDEO, dts, frame(packetizer, frameType, (int) compositionTime, picture.payload()));
    }

    private VideoPacketizer packetizerFor(FrameKind kind) {
        if (kind != videoKind) {
            video = switch (kind) {
                case H264 -> new AvcPacketizer();
                case H265 -> new HevcPacketizer();
                case AV1 -> new Av1Packetizer();
                case VP9 -> new Vp9Packetizer();
                default -> throw new IllegalArgumentException(kind + " is not video");
            };
            videoKind = kind;
            videoAnnounced = false;
        }
        return video;
    }

    private static byte[] sequenceHeader(VideoPacketizer packetizer) {
        byte[] record = packetizer.configuration().toBytes();
        if (packetizer.fourCc() == FourCc.AVC1) {
            return FlvTagBodies.avcVideo(FlvVideoTag.FRAME_TYPE_KEY, FlvVideoTag.AVC_SEQUENCE_HEADER, 0, record);
        }
        return FlvTagBodies.enhancedVideo(FlvVideoTag.FRAME_TYPE_KEY, FlvVideoTag.PACKET_SEQUENCE_START,
                packetizer.fourCc(), record);
    }

    private static byte[] frame(VideoPacketizer packetizer, int frameType, int compositionTime, byte[] payload) {
        int fourCc = packetizer.fourCc();
        if (fourCc == FourCc.AVC1) {
            return FlvTagBodies.avcVideo(frameType, FlvVideoTag.AVC_NALU, compositionTime, payload);
        }
        if (fourCc == FourCc.HVC1) {
            return compositionTime == 0
                    ? FlvTagBodies.enhancedVideo(frameType, FlvVideoTag.PACKET_CODED_FRAMES_X, fourCc, payload)
                    : FlvTagBodies.enhancedVideoWithCompositionTime(frameType, fourCc, compositionTime, payload);
        }
        return FlvTagBodies.enhancedVideo(frameType, FlvVideoTag.PACKET_CODED_FRAMES, fourCc, payload);
    }

    private void writeAac(byte[] data, long dts) throws IOException {
        if (data.length == 0) {
            throw new MediaFormatException("empty AAC frame");
        }
        if (!AdtsHeader.startsWithSyncWord(data, 0)) {
            // A raw frame never starts with 0xFFF: its first 3 bits would be ID_END, an empty frame.
            if (audioConfig == null) {
                throw new IllegalStateException("raw AAC needs setAudioConfig first");
            }
            describeAudio(new AudioInfo(FlvAudioTag.FORMAT_AAC, audioConfig.sampleRate(), audioConfig.channels()));
            submitAudio(new HeldAudio(FrameKind.AAC, data.clone(), dts, audioConfig));
            return;
        }
        int offset = 0;
        int index = 0;
        while (offset < data.length) {
            AdtsHeader header = AdtsHeader.parse(data, offset);
            if (header.rawBlocks() != 1) {
                throw new MediaFormatException("ADTS frames with " + header.rawBlocks() + " raw data blocks are not supported");
            }
            Bytes.require(data, offset, header.frameLength(), "ADTS frame");
            setAudioConfig(header.config());
            byte[] raw = Arrays.copyOfRange(data, offset + header.headerLength(), offset + header.frameLength());
            long frameTime = dts + Math.round(index * 1000.0 * audioConfig.samplesPerFrame() / audioConfig.sampleRate());
            submitAudio(new HeldAudio(FrameKind.AAC, raw, frameTime, audioConfig));
            offset += header.frameLength();
            index++;
        }
    }

    private void writeOpus(byte[] packet, long dts) throws IOException {
        if (packet.length == 0) {
            throw new MediaFormatException("empty Opus packet"); // RFC 6716 3.1: at least the TOC byte
        }
        describeAudio(new AudioInfo(FourCc.OPUS, OpusHead.OUTPUT_SAMPLE_RATE, opusHead.channels()));
        submitAudio(new HeldAudio(FrameKind.OPUS, packet.clone(), dts, opusHead));
    }

    private void writeMp3(byte[] frame, long dts) throws IOException {
        Mp3FrameHeader header = Mp3FrameHeader.parse(frame, 0);
        describeAudio(new AudioInfo(FlvAudioTag.FORMAT_MP3, header.sampleRate(), header.channels()));
        submitAudio(new HeldAudio(FrameKind.MP3, frame.clone(), dts, header));
    }

    /** What onMetaData says about audio; a new codec makes it worth sending again, a new sample rate does not. */
    private void describeAudio(AudioInfo info) {
        if (audioInfo == null || audioInfo.codecId() != info.codecId()) {
            metadataStale = true;
        }
        audioInfo = info;
    }

    private void submitAudio(HeldAudio frame) throws IOException {
        if (audioHoldOver || sentVideoConfig != null) {
            sendAudio(frame);
            return;
        }
        heldAudio.addLast(frame);
        if (heldAudio.size() >= MAX_HELD_AUDIO_FRAMES || frame.dts() - heldAudio.peekFirst().dts() >= MAX_HELD_AUDIO_MS) {
            flush();
        }
    }

    private void sendHeldAudio() throws IOException {
        while (!heldAudio.isEmpty()) {
            sendAudio(heldAudio.peekFirst());
            heldAudio.removeFirst();
        }
    }

    private void sendAudio(HeldAudio frame) throws IOException {
        long dts = frame.dts();
        sendMetadataIfStale(dts);
        boolean newConfig = !frame.config().equals(sentAudioConfig);
        switch (frame.kind()) {
            case AAC -> {
                if (newConfig) {
                    byte[] asc = ((AudioSpecificConfig) frame.config()).toBytes();
                    sink.writeTag(FlvTagSink.AUDIO, dts, FlvTagBodies.aacAudio(FlvAudioTag.AAC_SEQUENCE_HEADER, asc));
                }
                sink.writeTag(FlvTagSink.AUDIO, dts, FlvTagBodies.aacAudio(FlvAudioTag.AAC_RAW, frame.payload()));
            }
            case OPUS -> {
                if (newConfig) {
                    byte[] head = FlvTagBodies.opusHead((OpusHead) frame.config());
                    sink.writeTag(FlvTagSink.AUDIO, dts,
                            FlvTagBodies.enhancedAudio(FlvAudioTag.PACKET_SEQUENCE_START, FourCc.OPUS, head));
                }
                sink.writeTag(FlvTagSink.AUDIO, dts,
                        FlvTagBodies.enhancedAudio(FlvAudioTag.PACKET_CODED_FRAMES, FourCc.OPUS, frame.payload()));
            }
            case MP3 -> sink.writeTag(FlvTagSink.AUDIO, dts,
                    FlvTagBodies.mp3Audio((Mp3FrameHeader) frame.config(), frame.payload()));
            default -> throw new IllegalStateException(frame.kind() + " is not audio");
        }
        sentAudioConfig = frame.config();
    }

    private void sendMetadataIfStale(long timestamp) throws IOException {
        if (!metadataStale) {
            return;
        }
        Map<String, Object> metadata = metadata();
        if (!metadata.equals(sentMetadata)) {
            sink.writeTag(FlvTagSink.SCRIPT_DATA, timestamp, ScriptDataWriter.message("onMetaData", metadata));
            sentMetadata = metadata;
        }
        metadataStale = false;
    }

    private Map<String, Object> metadata() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (video != null && video.configuration() != null) {
            VideoPacketizer.Dimensions dimensions = video.dimensions();
            if (dimensions != null) {
                metadata.put("width", (double) dimensions.width());
                metadata.put("height", (double) dimensions.height());
                if (dimensions.frameRate() > 0) {
                    metadata.put("framerate", dimensions.frameRate());
                }
            }
            int fourCc = video.fourCc();
            metadata.put("videocodecid", (double) (fourCc == FourCc.AVC1 ? FlvVideoTag.CODEC_AVC : fourCc));
        }
        if (audioInfo != null) {
            metadata.put("audiocodecid", (double) audioInfo.codecId());
            metadata.put("audiosamplerate", (double) audioInfo.sampleRate());
            metadata.put("audiosamplesize", 16.0);
            metadata.put("audiochannels", (double) audioInfo.channels());
            metadata.put("stereo", audioInfo.channels() >= 2);
        }
        metadata.put("encoder", "Inlet");
        return metadata;
    }

    /** onMetaData's audio fields: the FLV sound format, or the FourCC of an Enhanced RTMP codec. */
    private record AudioInfo(int codecId, int sampleRate, int channels) {
    }

    /** An audio frame in its FLV form, with the configuration (AAC, Opus) or header (MP3) its tag needs. */
    private record HeldAudio(FrameKind kind, byte[] payload, long dts, Object config) {
    }
}
