package dev.inlet.media.fmp4;

import dev.inlet.media.MediaFormatException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Indexes a fragmented MP4 file (ISO/IEC 14496-12 section 8.8): init segments ({@code ftyp}/{@code moov}, possibly
 * more than one, as a recording writes a new one when the stream's parameters change) and {@code moof}/{@code mdat}
 * fragments, up to the last fragment that is complete in the file. A file cut short by a crash or a full disk is
 * therefore indexed up to what was fully written, and the rest reported as truncated; a malformed box stops the index
 * there the same way. Only {@code moov} and {@code moof} boxes are read into memory, each bounded; media data is not
 * read at all.
 */
public final class FragmentedMp4Reader {

    /** The largest {@code moov} or {@code moof} this reader loads. */
    static final int MAX_HEADER_BOX = 8 << 20;
    private static final int TFHD_BASE_DATA_OFFSET = 0x000001;
    private static final int TFHD_SAMPLE_DESCRIPTION_INDEX = 0x000002;
    private static final int TFHD_DEFAULT_DURATION = 0x000008;
    private static final int TFHD_DEFAULT_SIZE = 0x000010;
    private static final int TFHD_DEFAULT_FLAGS = 0x000020;
    private static final int TRUN_FIRST_SAMPLE_FLAGS = 0x000004;
    private static final int NON_SYNC = 0x0001_0000;

    private record Defaults(long duration, int size, int flags) {
    }

    private final FileChannel file;
    private final long fileSize;
    private final Map<Integer, FragmentedMp4Index.Track> tracks = new TreeMap<>();
    private final Map<Integer, Defaults> trackDefaults = new HashMap<>();
    private int fragments;

    private FragmentedMp4Reader(FileChannel file) throws IOException {
        this.file = file;
        this.fileSize = file.size();
    }

    /**
     * Indexes the file from its start.
     *
     * @throws MediaFormatException if it does not start with an init segment
     */
    public static FragmentedMp4Index read(FileChannel file) throws IOException {
        return new FragmentedMp4Reader(file).read();
    }

    private FragmentedMp4Index read() throws IOException {
        long position = 0;
        long validEnd = 0;
        boolean sawInit = false;
        long pendingMoofStart = -1;
        Map<FragmentedMp4Index.Track, FragmentedMp4Index.Track.Mark> pendingMarks = new HashMap<>();
        long[] pendingRunsSpan = {0, 0};
        while (position + 8 <= fileSize) {
            ByteBuffer header = readAt(position, (int) Math.min(16, fileSize - position));
            long size = header.getInt() & 0xFFFF_FFFFL;
            String type = fourCc(header);
            int headerSize = 8;
            if (size == 1) {
                if (header.remaining() < 8) {
                    break;
                }
                size = header.getLong();
                headerSize = 16;
            } else if (size == 0) {
                size = fileSize - position; // to the end of the file
            }
            if (size < headerSize || position + size > fileSize) {
                break; // cut short: the crash or the full disk happened here
            }
            try {
                switch (type) {
                    case "moov" -> {
                        if (pendingMoofStart >= 0) {
                            rollback(pendingMarks);
                            pendingMoofStart = -1;
                        }
                        readMovie(load(position + headerSize, size - headerSize));
                        sawInit = true;
                        validEnd = position + size;
                    }
                    case "moof" -> {
                        if (!sawInit) {
                            throw new MediaFormatException("a fragment before any init segment");
                        }
                        if (pendingMoofStart >= 0) {
                            rollback(pendingMarks); // a moof without its mdat
                        }
                        pendingMarks = marks();
                        pendingMoofStart = position; // before reading: a moof that fails half-way is rolled back
                        pendingRunsSpan = readFragment(position, load(position + headerSize, size - headerSize));
                    }
                    case "mdat" -> {
                        if (pendingMoofStart >= 0) {
                            if (pendingRunsSpan[0] < position + headerSize || pendingRunsSpan[1] > position + size) {
                                throw new MediaFormatException("a fragment's samples lie outside its mdat");
                            }
                            fragments++;
                            pendingMoofStart = -1;
                            validEnd = position + size;
                        }
                    }
                    case "ftyp" -> {
                        if (pendingMoofStart < 0) {
                            validEnd = position + size;
                        }
                    }
                    default -> {
                        // free, skip, styp, sidx …: nothing to index
                    }
                }
            } catch (MediaFormatException | java.nio.BufferUnderflowException | IllegalArgumentException e) {
                if (!sawInit) {
                    throw e instanceof MediaFormatException m ? m : new MediaFormatException("malformed init: " + e);
                }
                break; // a malformed box ends what can be trusted
            }
            position += size;
        }
        if (pendingMoofStart >= 0) {
            rollback(pendingMarks);
        }
        if (!sawInit) {
            throw new MediaFormatException("no init segment (moov) in the first " + fileSize + " bytes");
        }
        List<FragmentedMp4Index.Track> described = new ArrayList<>();
        for (FragmentedMp4Index.Track track : tracks.values()) {
            if (track.sampleCount() > 0) {
                described.add(track);
            }
        }
        return new FragmentedMp4Index(List.copyOf(described), validEnd, fragments, fileSize - validEnd);
    }

    private Map<FragmentedMp4Index.Track, FragmentedMp4Index.Track.Mark> marks() {
        Map<FragmentedMp4Index.Track, FragmentedMp4Index.Track.Mark> marks = new HashMap<>();
        for (FragmentedMp4Index.Track track : tracks.values()) {
            marks.put(track, track.mark());
        }
        return marks;
    }

    private static void rollback(Map<FragmentedMp4Index.Track, FragmentedMp4Index.Track.Mark> marks) {
        marks.forEach(FragmentedMp4Index.Track::rollback);
    }

    private void readMovie(ByteBuffer moov) {
        for (Box child : children(moov)) {
            String type = child.type();
            ByteBuffer box = child.payload();
            if (type.equals("trak")) {
                readTrack(box);
            } else if (type.equals("mvex")) {
                for (Box child2 : children(box)) {
                    ByteBuffer trex = child2.payload();
                    if (child2.type().equals("trex")) {
                        trex.getInt(); // version, flags
                        int trackId = trex.getInt();
                        trex.getInt(); // default_sample_description_index
                        trackDefaults.put(trackId, new Defaults(trex.getInt() & 0xFFFF_FFFFL, trex.getInt(), trex.getInt()));
                    }
                }
            }
        }
    }

    private void readTrack(ByteBuffer trak) {
        int trackId = -1;
        int width = 0;
        int height = 0;
        long timescale = 0;
        String handler = null;
        byte[] entry = null;
        for (Box child : children(trak)) {
            ByteBuffer box = child.payload();
            switch (child.type()) {
                case "tkhd" -> {
                    int version = box.get(box.position()) & 0xFF;
                    box.position(box.position() + 4 + (version == 1 ? 16 : 8));
                    trackId = box.getInt();
                    width = box.getInt(box.limit() - 8) >>> 16;
                    height = box.getInt(box.limit() - 4) >>> 16;
                }
                case "mdia" -> {
                    for (Box mediaBox : children(box)) {
                        ByteBuffer media = mediaBox.payload();
                        switch (mediaBox.type()) {
                            case "mdhd" -> {
                                int version = media.get(media.position()) & 0xFF;
                                media.position(media.position() + 4 + (version == 1 ? 16 : 8));
                                timescale = media.getInt() & 0xFFFF_FFFFL;
                            }
                            case "hdlr" -> {
                                media.position(media.position() + 8);
                                handler = fourCc(media);
                            }
                            case "minf" -> entry = firstSampleEntry(media);
                            default -> {
                            }
                        }
                    }
                }
                default -> {
                }
            }
        }
        if (trackId < 0 || timescale == 0 || handler == null || entry == null) {
            throw new MediaFormatException("a trak without tkhd, mdhd, hdlr or a sample entry");
        }
        long scale = timescale;
        String kind = handler;
        FragmentedMp4Index.Track track = tracks.computeIfAbsent(trackId, id -> new FragmentedMp4Index.Track(id, kind, scale));
        if (track.timescale() != timescale || !track.handler().equals(handler)) {
            throw new MediaFormatException("track " + trackId + " changed its timescale or handler");
        }
        track.describe(entry, width, height);
    }

    private static byte[] firstSampleEntry(ByteBuffer minf) {
        for (Box child : children(minf)) {
            if (child.type().equals("stbl")) {
                for (Box tableBox : children(child.payload())) {
                    ByteBuffer table = tableBox.payload();
                    if (tableBox.type().equals("stsd")) {
                        table.position(table.position() + 8); // version, flags, entry_count
                        int size = table.getInt(table.position());
                        if (size < 8 || size > table.remaining()) {
                            throw new MediaFormatException("stsd entry of " + size + " bytes");
                        }
                        byte[] entry = new byte[size];
                        table.get(entry);
                        return entry;
                    }
                }
            }
        }
        return null;
    }

    /** Indexes a moof's track runs; returns the file offsets where its first sample starts and its last one ends. */
    private long[] readFragment(long moofStart, ByteBuffer moof) {
        long start = Long.MAX_VALUE;
        long end = 0;
        for (Box trafBox : children(moof)) {
            if (!trafBox.type().equals("traf")) {
                continue;
            }
            ByteBuffer traf = trafBox.payload();
            FragmentedMp4Index.Track track = null;
            Defaults defaults = null;
            long base = moofStart;
            long decodeTime = -1;
            for (Box child : children(traf)) {
                ByteBuffer box = child.payload();
                switch (child.type()) {
                    case "tfhd" -> {
                        int flags = box.getInt() & 0xFF_FFFF;
                        int trackId = box.getInt();
                        track = tracks.get(trackId);
                        if (track == null || !track.described()) {
                            throw new MediaFormatException("a fragment of unknown track " + trackId);
                        }
                        Defaults fromTrex = trackDefaults.getOrDefault(trackId, new Defaults(0, 0, 0));
                        if ((flags & TFHD_BASE_DATA_OFFSET) != 0) {
                            base = box.getLong();
                        }
                        if ((flags & TFHD_SAMPLE_DESCRIPTION_INDEX) != 0) {
                            box.getInt();
                        }
                        long duration = (flags & TFHD_DEFAULT_DURATION) != 0 ? box.getInt() & 0xFFFF_FFFFL : fromTrex.duration();
                        int size = (flags & TFHD_DEFAULT_SIZE) != 0 ? box.getInt() : fromTrex.size();
                        int sampleFlags = (flags & TFHD_DEFAULT_FLAGS) != 0 ? box.getInt() : fromTrex.flags();
                        defaults = new Defaults(duration, size, sampleFlags);
                    }
                    case "tfdt" -> {
                        int version = box.getInt() >>> 24;
                        decodeTime = version == 1 ? box.getLong() : box.getInt() & 0xFFFF_FFFFL;
                    }
                    case "trun" -> {
                        if (track == null || decodeTime < 0) {
                            throw new MediaFormatException("trun before tfhd or tfdt");
                        }
                        long[] span = readRun(box, track, defaults, base, decodeTime);
                        start = Math.min(start, span[0]);
                        end = Math.max(end, span[1]);
                        decodeTime = -1; // a second trun in one traf would need its own tfdt here
                    }
                    default -> {
                    }
                }
            }
        }
        return new long[]{start == Long.MAX_VALUE ? end : start, end};
    }

    private static long[] readRun(ByteBuffer trun, FragmentedMp4Index.Track track, Defaults defaults, long base,
                                long decodeTime) {
        int versionAndFlags = trun.getInt();
        int flags = versionAndFlags & 0xFF_FFFF;
        int count = trun.getInt();
        if (count <= 0 || count > 1_000_000) {
            throw new MediaFormatException("trun of " + count + " samples");
        }
        long offset = base + ((flags & FragmentBuilder.TRUN_DATA_OFFSET) != 0 ? trun.getInt() : 0);
        int firstFlags = (flags & TRUN_FIRST_SAMPLE_FLAGS) != 0 ? trun.getInt() : -1;
        track.runStarts(decodeTime, offset, count);
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            long duration = (flags & FragmentBuilder.TRUN_SAMPLE_DURATION) != 0 ? trun.getInt() & 0xFFFF_FFFFL : defaults.duration();
            int size = (flags & FragmentBuilder.TRUN_SAMPLE_SIZE) != 0 ? trun.getInt() : defaults.size();
            int sampleFlags = (flags & FragmentBuilder.TRUN_SAMPLE_FLAGS) != 0 ? trun.getInt()
                    : i == 0 && firstFlags >= 0 ? firstFlags : defaults.flags();
            int composition = (flags & FragmentBuilder.TRUN_COMPOSITION_OFFSETS) != 0 ? trun.getInt() : 0;
            if (size < 0) {
                throw new MediaFormatException("sample of " + (size & 0xFFFF_FFFFL) + " bytes");
            }
            track.sample(size, duration, composition, (sampleFlags & NON_SYNC) == 0);
            bytes += size;
        }
        return new long[]{offset, offset + bytes};
    }

    private ByteBuffer load(long position, long size) throws IOException {
        if (size > MAX_HEADER_BOX) {
            throw new MediaFormatException("a header box of " + size + " bytes");
        }
        return readAt(position, (int) size);
    }

    private ByteBuffer readAt(long position, int size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(size);
        while (buffer.hasRemaining()) {
            if (file.read(buffer, position + buffer.position()) < 0) {
                throw new java.io.EOFException("file ended at " + (position + buffer.position()));
            }
        }
        return buffer.flip();
    }

    /** A child box: its type and its payload (positioned at 0, after the 8-byte header). */
    private record Box(String type, ByteBuffer payload) {
    }

    private static List<Box> children(ByteBuffer payload) {
        List<Box> boxes = new ArrayList<>();
        int position = payload.position();
        while (position + 8 <= payload.limit()) {
            long size = payload.getInt(position) & 0xFFFF_FFFFL;
            if (size < 8 || position + size > payload.limit()) {
                throw new MediaFormatException("a box of " + size + " bytes at " + position);
            }
            byte[] code = new byte[4];
            payload.get(position + 4, code);
            ByteBuffer box = payload.duplicate();
            box.limit(position + (int) size).position(position + 8);
            boxes.add(new Box(new String(code, StandardCharsets.US_ASCII), box.slice()));
            position += (int) size;
        }
        return boxes;
    }

    private static String fourCc(ByteBuffer buffer) {
        byte[] code = new byte[4];
        buffer.get(code);
        return new String(code, StandardCharsets.US_ASCII);
    }
}
