package dev.inlet.media;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Demultiplexes an MPEG-TS byte stream (ISO/IEC 13818-1) into {@link AVPacket}s: H.264, H.265, AAC (ADTS) and Opus
 * elementary streams of every program in the PAT. Takes the bytes in chunks of any size (an SRT message carries 7
 * packets, but any split gives the same result) and resynchronises after garbage.
 *
 * <p>Damage costs as little as possible and never throws: a packet with a bad header is skipped, a continuity gap
 * (a lost packet) drops the PES being assembled and the PID waits for its next unit start, a PSI section with a bad
 * CRC is ignored, a malformed PES or frame is dropped. All of them are counted ({@link #stats()}). Streams of other
 * types are reported once per PMT version ({@link Listener#onSkippedStream}) and never parsed.
 *
 * <p>Timestamps: PTS and DTS are unwrapped per program into a 64-bit 90 kHz timeline ({@link TsTimestamps}) and
 * delivered in milliseconds, unshifted (a stream whose first PTS is 1.4 s starts at 1400 ms); the stream core's
 * {@link Timeline} makes them continuous across inputs.
 *
 * <p>Memory is bounded: a video PES is capped at {@code maxPesBytes} (8 MiB by default), an audio PES at 256 KiB,
 * at most {@value #MAX_PROGRAMS} programs, {@value #MAX_STREAMS} elementary streams and {@value #MAX_VIDEO_STREAMS}
 * video streams are followed (the rest are reported as skipped). Not thread-safe: one per connection.
 */
public final class TsDemuxer {

    /** Where the demuxer's results go; called on the thread that calls {@link #feed}. */
    public interface Listener {

        /** A stream's decoder configuration became known, or changed; its frames follow. */
        void onTrack(TsTrack track);

        /** One access unit of {@code track} (whose configuration is the last reported), in {@link AVPacket} form. */
        void onFrame(TsTrack track, AVPacket packet);

        /** The PMT of {@code programNumber} lists a stream this demuxer does not read (or one over its limits). */
        void onSkippedStream(int programNumber, int pid, int streamType);
    }

    /**
     * Counters since the demuxer was created.
     *
     * @param packets          TS packets read
     * @param invalidPackets   packets skipped for a bad header (transport error, reserved or oversized fields)
     * @param syncLosses       places where the sync byte was missing and the stream was searched
     * @param continuityErrors continuity counter gaps (lost packets)
     * @param crcErrors        PSI sections dropped for a bad CRC
     * @param droppedPes       PES packets dropped: interrupted by loss, over the cap, truncated or with a bad header
     * @param droppedFrames    frames that could not be delivered (before a configuration, without timestamp, malformed)
     */
    public record Stats(long packets, long invalidPackets, long syncLosses, long continuityErrors, long crcErrors,
                        long droppedPes, long droppedFrames) {
    }

    public static final int DEFAULT_MAX_PES_BYTES = PesAssembler.DEFAULT_MAX_PES_BYTES;
    static final int MAX_AUDIO_PES_BYTES = 256 * 1024;
    static final int MAX_PROGRAMS = 16;
    static final int MAX_STREAMS = 32;
    static final int MAX_VIDEO_STREAMS = 4;
    private static final int PAT_PID = 0;
    private static final int PID_COUNT = 1 << 13;

    private final Listener listener;
    private final int maxPesBytes;
    private final TsPacketReader reader = new TsPacketReader();
    private final ContinuityCounters continuity = new ContinuityCounters(PID_COUNT);
    private final Map<Integer, PsiSectionAssembler> sections = new HashMap<>();
    private final Map<Integer, Program> programs = new HashMap<>();
    private final Map<Integer, Stream> streams = new HashMap<>();
    private long packets;
    private long invalidPackets;
    private long crcErrorsOfRemovedPids;
    private long droppedPes;
    private long droppedFrames;

    public TsDemuxer(Listener listener) {
        this(listener, DEFAULT_MAX_PES_BYTES);
    }

    /** A demuxer whose video PES packets may hold up to {@code maxPesBytes} (audio ones always 256 KiB). */
    public TsDemuxer(Listener listener, int maxPesBytes) {
        if (maxPesBytes < TsPacket.SIZE) {
            throw new IllegalArgumentException("PES cap of " + maxPesBytes + " bytes is below one packet");
        }
        this.listener = listener;
        this.maxPesBytes = maxPesBytes;
        sections.put(PAT_PID, new PsiSectionAssembler());
    }

    public void feed(byte[] data) {
        feed(data, 0, data.length);
    }

    /** Reads the next bytes of the stream; complete frames reach the listener before this returns. */
    public void feed(byte[] data, int offset, int length) {
        reader.feed(data, offset, length, this::packet);
    }

    /** The input ended: a video PES of unbounded length still being assembled is complete now. */
    public void flush() {
        for (Stream stream : List.copyOf(streams.values())) {
            stream.assembler.flush(stream::pes);
        }
    }

    public Stats stats() {
        long crcErrors = crcErrorsOfRemovedPids;
        for (PsiSectionAssembler assembler : sections.values()) {
            crcErrors += assembler.crcErrors();
        }
        long dropped = droppedPes;
        for (Stream stream : streams.values()) {
            dropped += stream.assembler.dropped();
        }
        return new Stats(packets, invalidPackets, reader.syncLosses(), continuity.errors(), crcErrors, dropped,
                droppedFrames);
    }

    private void packet(byte[] bytes) {
        packets++;
        TsPacket packet = TsPacket.parse(bytes, 0);
        if (packet == null) {
            invalidPackets++;
            return;
        }
        if (!packet.hasPayload() || packet.pid() == TsPacket.NULL_PID) {
            return;
        }
        PsiSectionAssembler psi = sections.get(packet.pid());
        Stream stream = psi == null ? streams.get(packet.pid()) : null;
        if (psi == null && stream == null) {
            return;
        }
        switch (continuity.check(packet)) {
            case DUPLICATE -> {
                return;
            }
            case LOST -> {
                if (psi != null) {
                    psi.reset();
                } else {
                    stream.assembler.drop();
                }
            }
            case IN_ORDER -> { }
        }
        if (psi != null) {
            psi.accept(packet, section -> section(packet.pid(), section));
        } else {
            stream.assembler.accept(packet, stream::pes);
        }
    }

    private void section(int pid, byte[] section) {
        if (pid == PAT_PID) {
            List<PsiTables.Program> pat = PsiTables.parsePat(section);
            if (pat != null) {
                programAssociation(pat);
            }
            return;
        }
        PsiTables.ProgramMap pmt = PsiTables.parsePmt(section);
        Program program = pmt == null ? null : programs.get(pmt.programNumber());
        if (program != null && program.pmtPid == pid && !pmt.equals(program.map)) {
            programMap(program, pmt);
        }
    }

    /** A PAT: programs no longer listed go away with their streams; new ones wait for their PMT. */
    private void programAssociation(List<PsiTables.Program> pat) {
        Map<Integer, Integer> listed = new HashMap<>();
        for (PsiTables.Program entry : pat) {
            listed.put(entry.programNumber(), entry.pmtPid());
        }
        for (Iterator<Program> it = programs.values().iterator(); it.hasNext(); ) {
            Program program = it.next();
            Integer pmtPid = listed.get(program.number);
            if (pmtPid == null || pmtPid != program.pmtPid) {
                it.remove();
                if (programs.values().stream().noneMatch(other -> other.pmtPid == program.pmtPid)) {
                    removeSections(program.pmtPid); // programs may share a PMT PID
                }
                streams.values().removeIf(stream -> removedWith(stream, program.number));
            }
        }
        for (Map.Entry<Integer, Integer> entry : listed.entrySet()) {
            int pmtPid = entry.getValue();
            if (programs.containsKey(entry.getKey()) || programs.size() >= MAX_PROGRAMS
                    || pmtPid == PAT_PID || pmtPid == TsPacket.NULL_PID || streams.containsKey(pmtPid)) {
                continue;
            }
            programs.put(entry.getKey(), new Program(entry.getKey(), pmtPid));
            sections.computeIfAbsent(pmtPid, pid -> new PsiSectionAssembler());
            continuity.forget(pmtPid);
        }
    }

    /** A new or changed PMT: unchanged streams keep their state, changed and new ones start afresh. */
    private void programMap(Program program, PsiTables.ProgramMap pmt) {
        program.map = pmt;
        Map<Integer, ElementaryStreamInfo> listed = new HashMap<>();
        for (ElementaryStreamInfo info : pmt.streams()) {
            listed.putIfAbsent(info.pid(), info);
        }
        streams.values().removeIf(stream -> stream.programNumber == program.number
                && !stream.info.equals(listed.get(stream.info.pid())) && removedWith(stream, program.number));
        for (ElementaryStreamInfo info : listed.values()) {
            Stream existing = streams.get(info.pid());
            if (existing != null && existing.programNumber == program.number) {
                continue;
            }
            if (!canFollow(info, existing)) {
                listener.onSkippedStream(program.number, info.pid(), info.streamType());
                continue;
            }
            streams.put(info.pid(), new Stream(program, info));
            continuity.forget(info.pid());
        }
    }

    private boolean canFollow(ElementaryStreamInfo info, Stream occupant) {
        if (info.codec() == null || occupant != null || sections.containsKey(info.pid())
                || info.pid() == PAT_PID || info.pid() == TsPacket.NULL_PID || streams.size() >= MAX_STREAMS) {
            return false;
        }
        long video = streams.values().stream().filter(stream -> stream.info.codec().isVideo()).count();
        return !info.codec().isVideo() || video < MAX_VIDEO_STREAMS;
    }

    private boolean removedWith(Stream stream, int programNumber) {
        if (stream.programNumber != programNumber) {
            return false;
        }
        droppedPes += stream.assembler.dropped();
        return true;
    }

    private void removeSections(int pid) {
        PsiSectionAssembler removed = sections.remove(pid);
        if (removed != null) {
            crcErrorsOfRemovedPids += removed.crcErrors();
        }
    }

    /** One program of the PAT: its PMT PID, its current PMT and its clock. */
    private static final class Program {
        final int number;
        final int pmtPid;
        final TsTimestamps timestamps = new TsTimestamps();
        PsiTables.ProgramMap map;

        Program(int number, int pmtPid) {
            this.number = number;
            this.pmtPid = pmtPid;
        }
    }

    /** One followed elementary stream: its PES reassembly, its codec reader and its last reported track. */
    private final class Stream implements TsElementaryStream.Output {
        final int programNumber;
        final ElementaryStreamInfo info;
        final TsTimestamps timestamps;
        final PesAssembler assembler;
        final TsElementaryStream reader;
        TsTrack track;

        Stream(Program program, ElementaryStreamInfo info) {
            this.programNumber = program.number;
            this.info = info;
            this.timestamps = program.timestamps;
            this.assembler = new PesAssembler(info.codec().isVideo() ? maxPesBytes : MAX_AUDIO_PES_BYTES);
            this.reader = switch (info.codec()) {
                case H264, H265 -> new AnnexBVideoStream(info.codec());
                case AAC -> new AdtsAudioStream();
                case OPUS -> new OpusAudioStream(info.opusChannelConfig());
                default -> throw new IllegalStateException("no reader for " + info.codec());
            };
        }

        void pes(PesAssembler.Complete complete) {
            PesPacket pes;
            try {
                pes = PesPacket.parse(complete.bytes(), complete.randomAccess());
            } catch (MediaFormatException malformed) {
                droppedPes++;
                return;
            }
            if (pes == null) {
                return;
            }
            long dts = pes.dts() == PesPacket.NO_TIMESTAMP ? PesPacket.NO_TIMESTAMP : timestamps.unwrap(pes.dts());
            long pts = pes.pts() == PesPacket.NO_TIMESTAMP ? PesPacket.NO_TIMESTAMP : timestamps.unwrap(pes.pts());
            try {
                reader.accept(pes, pts, dts, this);
            } catch (MediaFormatException | IllegalArgumentException malformed) {
                droppedFrames++;
            }
        }

        @Override
        public void configuration(FrameKind kind, byte[] configuration) {
            if (track == null || !Arrays.equals(track.configuration(), configuration)) {
                track = new TsTrack(programNumber, info.pid(), kind, configuration);
                listener.onTrack(track);
            }
        }

        @Override
        public void frame(AVPacket packet) {
            listener.onFrame(track, packet);
        }

        @Override
        public void droppedFrame() {
            droppedFrames++;
        }
    }
}
