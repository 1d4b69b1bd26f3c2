package dev.inlet.media;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
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
 *   <li>An AVC sequence header before the first H.264 frame, built from the SPS/PPS found in the access units, and a new
 *       one before the frame that brings a different SPS or PPS. Video frames carry the slices and SEI only, never
 *       the SPS/PPS (the sequence header carries them) nor access unit delimiters. H.264 frames that arrive before
 *       any SPS and PPS cannot be decoded and are dropped ({@link #droppedVideoFrames()}).</li>
 *   <li>An AAC sequence header before the first AAC frame and whenever the configuration changes.</li>
 *   <li>Sequence headers and metadata carry the timestamp of the first frame sent after them (not 0), so the tag
 *       timeline never jumps back.</li>
 *   <li>Audio that arrives before the first video frame is held back, so players that probe the start of a stream see
 *       the video too; it is released, in order and ahead of that frame, when video starts, or when more than
 *       {@value #MAX_HELD_AUDIO_MS} ms or {@value #MAX_HELD_AUDIO_FRAMES} frames are held, so audio-only streams still
 *       play. {@link #flush()} releases it at the end of a stream.</li>
 * </ul>
 * Tag timestamps are decoding times; the composition offset {@code pts - dts} goes into the AVC header. Write errors
 * of the sink propagate unchanged.
 */
public final class RtmpFrameWriter {

    /** How much audio, in milliseconds of timestamps, is held back waiting for the first video frame. */
    public static final long MAX_HELD_AUDIO_MS = 1000;
    /** How many audio frames are held back at most waiting for the first video frame. */
    public static final int MAX_HELD_AUDIO_FRAMES = 64;

    private static final int AAC_TAG_FLAGS = 0xAF; // AAC, "44 kHz", 16-bit, stereo: FLV requires these fixed values for AAC
    private static final int MIN_COMPOSITION_TIME = -(1 << 23);
    private static final int MAX_COMPOSITION_TIME = (1 << 23) - 1;

    private final FlvTagSink sink;

    private List<byte[]> knownSps = List.of();
    private List<byte[]> knownPps = List.of();
    private AvcDecoderConfiguration videoConfig;
    private AvcDecoderConfiguration sentVideoConfig;
    private AudioSpecificConfig audioConfig;
    private AudioSpecificConfig sentAudioConfig;
    private boolean metadataStale = true;
    private Map<String, Object> sentMetadata;
    private final ArrayDeque<HeldAudio> heldAudio = new ArrayDeque<>();
    private boolean audioHoldOver;
    private long droppedVideoFrames;

    public RtmpFrameWriter(FlvTagSink sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /**
     * Sends one access unit. H264: Annex-B; AAC: one or more ADTS frames, or one raw frame (raw needs
     * {@link #setAudioConfig} first); DATA: AMF0 bytes sent as a script-data tag unchanged. pts/dts in ms; dts must
     * not be negative and {@code pts - dts} must fit FLV's signed 24 bits.
     *
     * @throws MediaFormatException     if the data is malformed
     * @throws IllegalArgumentException for timestamps out of range or a kind FLV cannot carry yet (H.265, AV1, VP9,
     *                                  Opus, MP3: Enhanced RTMP is a later addition)
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
            case H264 -> writeVideo(data, pts, dts);
            case AAC -> writeAudio(data, dts);
            case DATA -> sink.writeTag(FlvTagSink.SCRIPT_DATA, dts, data.clone());
            default -> throw new IllegalArgumentException(kind + " is not supported by the FLV writer yet");
        }
    }

    /** The AudioSpecificConfig for raw AAC frames (ADTS frames bring their own). */
    public void setAudioConfig(AudioSpecificConfig config) {
        Objects.requireNonNull(config, "config");
        if (audioConfig == null) {
            metadataStale = true;
        }
        audioConfig = config;
    }

    /** Sends the audio held back waiting for video; call at the end of a stream, or once it is known to have no video. */
    public void flush() throws IOException {
        audioHoldOver = true;
        sendHeldAudio();
    }

    /** H.264 access units dropped because no SPS and PPS had been seen yet. */
    public long droppedVideoFrames() {
        return droppedVideoFrames;
    }

    private void writeVideo(byte[] annexB, long pts, long dts) throws IOException {
        long compositionTime = pts - dts;
        if (compositionTime < MIN_COMPOSITION_TIME || compositionTime > MAX_COMPOSITION_TIME) {
            throw new IllegalArgumentException("pts - dts = " + compositionTime + " ms does not fit FLV's 24 bits");
        }
        List<byte[]> sps = new ArrayList<>();
        List<byte[]> pps = new ArrayList<>();
        List<byte[]> frameNals = new ArrayList<>();
        boolean idr = false;
        for (byte[] nal : AnnexB.splitNalUnits(annexB)) {
            switch (AvcNalUnit.type(nal)) {
                case AvcNalUnit.SPS -> sps.add(nal);
                case AvcNalUnit.PPS -> pps.add(nal);
                case AvcNalUnit.ACCESS_UNIT_DELIMITER -> { }
                case AvcNalUnit.IDR_SLICE -> {
                    idr = true;
                    frameNals.add(nal);
                }
                default -> frameNals.add(nal);
            }
        }
        updateVideoConfig(sps, pps);
        if (frameNals.isEmpty()) {
            return; // parameter sets alone: they go out in the sequence header before the next frame
        }
        if (videoConfig == null) {
            droppedVideoFrames++;
            return;
        }
        long tagTime = heldAudio.isEmpty() ? dts : Math.min(dts, heldAudio.peekFirst().dts());
        sendMetadataIfStale(tagTime);
        if (!videoConfig.equals(sentVideoConfig)) {
            sink.writeTag(FlvTagSink.VIDEO, tagTime, videoTag(FlvVideoTag.FRAME_TYPE_KEY, FlvVideoTag.AVC_SEQUENCE_HEADER, 0,
                    videoConfig.toBytes()));
            sentVideoConfig = videoConfig;
        }
        audioHoldOver = true;
        sendHeldAudio();
        int frameType = idr ? FlvVideoTag.FRAME_TYPE_KEY : FlvVideoTag.FRAME_TYPE_INTER;
        sink.writeTag(FlvTagSink.VIDEO, dts, videoTag(frameType, FlvVideoTag.AVC_NALU, (int) compositionTime,
                AnnexB.toAvcc(frameNals, videoConfig.nalLengthSize())));
    }

    /** Parameter sets of an access unit replace the known ones of their kind; a configuration needs both. */
    private void updateVideoConfig(List<byte[]> sps, List<byte[]> pps) {
        if (sps.isEmpty() && pps.isEmpty()) {
            return;
        }
        if (!sps.isEmpty()) {
            knownSps = List.copyOf(sps);
        }
        if (!pps.isEmpty()) {
            knownPps = List.copyOf(pps);
        }
        if (knownSps.isEmpty() || knownPps.isEmpty()) {
            return;
        }
        AvcDecoderConfiguration candidate = AvcDecoderConfiguration.fromParameterSets(knownSps, knownPps);
        if (videoConfig == null) {
            metadataStale = true;
        }
        videoConfig = candidate;
    }

    private void writeAudio(byte[] data, long dts) throws IOException {
        if (data.length == 0) {
            throw new MediaFormatException("empty AAC frame");
        }
        if (!AdtsHeader.startsWithSyncWord(data, 0)) {
            // A raw frame never starts with 0xFFF: its first 3 bits would be ID_END, an empty frame.
            if (audioConfig == null) {
                throw new IllegalStateException("raw AAC needs setAudioConfig first");
            }
            submitAudio(data.clone(), dts, audioConfig);
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
            submitAudio(raw, frameTime, audioConfig);
            offset += header.frameLength();
            index++;
        }
    }

    private void submitAudio(byte[] raw, long dts, AudioSpecificConfig config) throws IOException {
        if (audioHoldOver || sentVideoConfig != null) {
            sendAudio(raw, dts, config);
            return;
        }
        heldAudio.addLast(new HeldAudio(raw, dts, config));
        if (heldAudio.size() >= MAX_HELD_AUDIO_FRAMES || dts - heldAudio.peekFirst().dts() >= MAX_HELD_AUDIO_MS) {
            flush();
        }
    }

    private void sendHeldAudio() throws IOException {
        while (!heldAudio.isEmpty()) {
            HeldAudio frame = heldAudio.peekFirst();
            sendAudio(frame.raw(), frame.dts(), frame.config());
            heldAudio.removeFirst();
        }
    }

    private void sendAudio(byte[] raw, long dts, AudioSpecificConfig config) throws IOException {
        sendMetadataIfStale(dts);
        if (!config.equals(sentAudioConfig)) {
            sink.writeTag(FlvTagSink.AUDIO, dts, audioTag(FlvAudioTag.AAC_SEQUENCE_HEADER, config.toBytes()));
            sentAudioConfig = config;
        }
        sink.writeTag(FlvTagSink.AUDIO, dts, audioTag(FlvAudioTag.AAC_RAW, raw));
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
        if (videoConfig != null) {
            try {
                AvcSps sps = videoConfig.firstSps();
                metadata.put("width", (double) sps.width());
                metadata.put("height", (double) sps.height());
            } catch (MediaFormatException unreadableSps) {
                // The decoder reads the size from the SPS itself; metadata just goes without it.
            }
            metadata.put("videocodecid", (double) FlvVideoTag.CODEC_AVC);
        }
        if (audioConfig != null) {
            metadata.put("audiocodecid", (double) FlvAudioTag.FORMAT_AAC);
            metadata.put("audiosamplerate", (double) audioConfig.sampleRate());
            metadata.put("audiosamplesize", 16.0);
            metadata.put("audiochannels", (double) audioConfig.channels());
            metadata.put("stereo", audioConfig.channels() >= 2);
        }
        metadata.put("encoder", "Inlet");
        return metadata;
    }

    private static byte[] videoTag(int frameType, int avcPacketType, int compositionTime, byte[] payload) {
        byte[] body = new byte[5 + payload.length];
        body[0] = (byte) (frameType << 4 | FlvVideoTag.CODEC_AVC);
        body[1] = (byte) avcPacketType;
        Bytes.putU24(body, 2, compositionTime);
        System.arraycopy(payload, 0, body, 5, payload.length);
        return body;
    }

    private static byte[] audioTag(int aacPacketType, byte[] payload) {
        byte[] body = new byte[2 + payload.length];
        body[0] = (byte) AAC_TAG_FLAGS;
        body[1] = (byte) aacPacketType;
        System.arraycopy(payload, 0, body, 2, payload.length);
        return body;
    }

    private record HeldAudio(byte[] raw, long dts, AudioSpecificConfig config) {
    }
}
