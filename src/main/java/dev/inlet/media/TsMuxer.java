package dev.inlet.media;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Multiplexes a stream's {@link AVPacket}s into an MPEG-TS (ISO/IEC 13818-1) for SRT readers: one program (PAT on
 * PID 0, PMT on PID {@value #PMT_PID}), video on PID {@value #VIDEO_PID} (H.264 stream_type 0x1B or H.265 0x24),
 * audio on PID {@value #AUDIO_PID} (AAC in ADTS 0x0F, or Opus as private data 0x06), output in units of seven
 * packets (1,316 bytes, one SRT live message) through a {@link Sink}.
 *
 * <p>Use: {@link #onTrack} (or {@link #configure}) for each track with its decoder configuration, then
 * {@link #write} per frame in decoding order, {@link #flush()} when the reader should get a shorter last unit.
 * Frames become one PES each, timestamps ms × 90 with the DTS only where it differs from the PTS. PAT and PMT are
 * written first, before every video keyframe and at least every {@value #PSI_INTERVAL_MS} ms of stream time; the
 * PCR (on the video PID, on the audio PID without video, {@value #PCR_LEAD_MS} ms behind the DTS so readers can
 * buffer) is in the first packet of every PES of its PID, and PCR-only packets keep successive PCRs at most
 * {@value #PCR_INTERVAL_MS} ms apart.
 *
 * <p>Codecs a TS cannot carry here (VP9, AV1, MP3) are refused with {@link MediaFormatException} when configured or
 * written, so the caller can turn the reader away with a reason instead of sending a stream without its video;
 * {@link #canCarry} tells beforehand. {@code DATA} packets (AMF metadata) have no place in a TS and are ignored.
 *
 * <p>Timestamps are expected to rise (apart from audio/video interleaving), as the stream core's {@link Timeline}
 * makes them; the PCR never goes back.
 *
 * <p>Memory is bounded by one output unit and the frame being written. Not thread-safe: one muxer per reader, fed
 * from one thread.
 */
public final class TsMuxer {

    /** Receives the TS in units of whole packets. */
    @FunctionalInterface
    public interface Sink {

        /**
         * {@code length} bytes (a multiple of 188, at most 1,316) at {@code offset}; the buffer is reused after the
         * call returns, so a sink that keeps the bytes copies them.
         */
        void accept(byte[] buffer, int offset, int length);
    }

    public static final int PMT_PID = 0x1000;
    public static final int VIDEO_PID = 0x100;
    public static final int AUDIO_PID = 0x101;
    /** Bytes in a full output unit: 7 TS packets, the payload of one SRT live message. */
    public static final int UNIT_SIZE = TsOutputUnits.UNIT_SIZE;
    static final long PSI_INTERVAL_MS = 100;
    static final long PCR_INTERVAL_MS = 40;
    static final long PCR_LEAD_MS = 100;
    // An audio frame a little behind the last video frame is interleaving; this much behind, the timeline restarted.
    private static final long TIMELINE_JUMP_MS = 1_000;
    private static final long TICKS_PER_MS = 90;
    private static final int VERSION_MASK = 0x1F;

    private final TsOutputUnits output;
    private final TsPacketWriter packets;
    private final PsiWriter psi;
    private final PesPacketizer pes;

    private FrameKind videoKind;
    private AnnexBAccessUnit videoUnits;
    private FrameKind audioKind;
    private AdtsWriter adts;
    private OpusTsWriter opus;
    private int pmtVersion;
    private boolean psiDue = true;
    private long lastPsiMs;
    private boolean pcrSent;
    private long lastPcrMs;

    public TsMuxer(Sink sink) {
        this.output = new TsOutputUnits(Objects.requireNonNull(sink, "sink"));
        this.packets = new TsPacketWriter(output);
        this.psi = new PsiWriter(packets, PMT_PID);
        this.pes = new PesPacketizer(packets);
    }

    /** True if this muxer can carry frames of {@code kind}. */
    public static boolean canCarry(FrameKind kind) {
        return switch (kind) {
            case H264, H265, AAC, OPUS -> true;
            default -> false;
        };
    }

    /** Takes a track's codec and decoder configuration, as {@link TsDemuxer.Listener#onTrack} reports them. */
    public void onTrack(TsTrack track) {
        configure(track.kind(), track.configuration());
    }

    /**
     * Sets (or replaces) the video or audio track: {@code configuration} is the avcC or hvcC record, the
     * AudioSpecificConfig or the OpusHead, what a sequence header carries.
     *
     * @throws MediaFormatException if the codec cannot be carried or the configuration is malformed or has no TS form
     */
    public void configure(FrameKind kind, byte[] configuration) {
        Objects.requireNonNull(kind, "kind");
        if (!canCarry(kind)) {
            throw unsupported(kind);
        }
        if (kind.isVideo()) {
            AnnexBAccessUnit units = kind == FrameKind.H264
                    ? AnnexBAccessUnit.avc(AvcDecoderConfiguration.parse(configuration))
                    : AnnexBAccessUnit.hevc(HevcDecoderConfiguration.parse(configuration));
            streamsChange(videoKind != kind);
            videoKind = kind;
            videoUnits = units;
        } else {
            AdtsWriter nextAdts = kind == FrameKind.AAC ? new AdtsWriter(AudioSpecificConfig.parse(configuration)) : null;
            OpusTsWriter nextOpus = kind == FrameKind.OPUS ? new OpusTsWriter(OpusHead.parse(configuration)) : null;
            boolean descriptorsChange = nextOpus != null && (opus == null
                    || !Arrays.equals(opus.descriptors(), nextOpus.descriptors()));
            streamsChange(audioKind != kind || descriptorsChange);
            audioKind = kind;
            adts = nextAdts;
            opus = nextOpus;
        }
    }

    /**
     * Writes one frame (in decoding order) of a configured track.
     *
     * @throws MediaFormatException  if the codec cannot be carried, or the frame does not fit its format
     * @throws IllegalStateException if the frame's track was not configured
     */
    public void write(AVPacket packet) {
        FrameKind kind = packet.kind();
        if (kind == FrameKind.DATA) {
            return;
        }
        if (!canCarry(kind)) {
            throw unsupported(kind);
        }
        boolean video = kind.isVideo();
        if (kind != (video ? videoKind : audioKind)) {
            throw new IllegalStateException(kind + " frame before its track was configured");
        }
        if (packet.data().length == 0) {
            return; // nothing to present; an empty PES would only confuse readers
        }
        byte[] payload = video ? videoUnits.prepare(packet) : audioPayload(packet);
        long dtsMs = packet.dts();
        boolean keyframe = video && packet.keyframe();
        if (psiDue || keyframe || dtsMs - lastPsiMs >= PSI_INTERVAL_MS || lastPsiMs - dtsMs > TIMELINE_JUMP_MS) {
            psi.write(pmtStreams(), pcrPid(), pmtVersion);
            psiDue = false;
            lastPsiMs = dtsMs;
        }
        int pid = video ? VIDEO_PID : AUDIO_PID;
        long pcr90k = -1;
        long pcrMs = keepPcrInterval(dtsMs);
        if (pid == pcrPid()) {
            pcr90k = sentPcr(pcrMs) * TICKS_PER_MS;
        } else if (!pcrSent) {
            packets.writePcrOnly(pcrPid(), sentPcr(pcrMs) * TICKS_PER_MS);
        }
        int streamId = video ? PesPacketizer.VIDEO_STREAM_ID
                : kind == FrameKind.OPUS ? PesPacketizer.PRIVATE_STREAM_1 : PesPacketizer.AUDIO_STREAM_ID;
        pes.write(pid, streamId, payload, packet.pts() * TICKS_PER_MS, dtsMs * TICKS_PER_MS, keyframe, pcr90k);
    }

    /** Hands the packets written since the last full unit to the sink, as a shorter unit. */
    public void flush() {
        output.flush();
    }

    private byte[] audioPayload(AVPacket packet) {
        return adts != null ? adts.frame(packet.data()) : opus.accessUnit(packet.data());
    }

    /**
     * The PCR for a frame at {@code dtsMs}: behind it by the lead, never below 0, never going back. When it is more
     * than {@value #PCR_INTERVAL_MS} ms past the last PCR (a low frame rate, or a frame of the other PID first),
     * PCR-only packets step the clock there in intervals of that size; a jump of over {@value #TIMELINE_JUMP_MS} ms
     * is a new timeline and is not filled.
     */
    private long keepPcrInterval(long dtsMs) {
        long value = Math.max(dtsMs - PCR_LEAD_MS, 0);
        if (!pcrSent) {
            return value;
        }
        value = Math.max(value, lastPcrMs);
        if (value - lastPcrMs <= TIMELINE_JUMP_MS) {
            while (value - lastPcrMs > PCR_INTERVAL_MS) {
                packets.writePcrOnly(pcrPid(), sentPcr(lastPcrMs + PCR_INTERVAL_MS) * TICKS_PER_MS);
            }
        }
        return value;
    }

    private long sentPcr(long pcrMs) {
        pcrSent = true;
        lastPcrMs = pcrMs;
        return pcrMs;
    }

    private void streamsChange(boolean changed) {
        if (changed) {
            pmtVersion = (pmtVersion + 1) & VERSION_MASK;
            psiDue = true;
            pcrSent = false; // the PCR PID may have moved
        }
    }

    private int pcrPid() {
        return videoKind != null ? VIDEO_PID : AUDIO_PID;
    }

    private List<PsiWriter.Stream> pmtStreams() {
        List<PsiWriter.Stream> streams = new ArrayList<>(2);
        if (videoKind != null) {
            int type = videoKind == FrameKind.H264 ? ElementaryStreamInfo.TYPE_H264 : ElementaryStreamInfo.TYPE_H265;
            streams.add(new PsiWriter.Stream(type, VIDEO_PID, new byte[0]));
        }
        if (audioKind == FrameKind.AAC) {
            streams.add(new PsiWriter.Stream(ElementaryStreamInfo.TYPE_AAC_ADTS, AUDIO_PID, new byte[0]));
        } else if (audioKind == FrameKind.OPUS) {
            streams.add(new PsiWriter.Stream(ElementaryStreamInfo.TYPE_PRIVATE_PES, AUDIO_PID, opus.descriptors()));
        }
        return streams;
    }

    private static MediaFormatException unsupported(FrameKind kind) {
        return new MediaFormatException(kind + " cannot be carried in MPEG-TS by this muxer (it carries H264, H265, AAC and OPUS)");
    }
}
