package dev.inlet.media.fmp4;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes the samples a {@link FragmentedMp4Index} found as a progressive MP4 (ISO/IEC 14496-12): {@code ftyp}, then
 * {@code moov} with full sample tables ({@code stts}, {@code ctts}, {@code stss}, {@code stsz}, {@code stsc},
 * {@code stco} or {@code co64}), then one {@code mdat}. The movie box comes first, so the file plays while it downloads
 * and seeks without reading it to the end. The media bytes are copied chunk by chunk (one chunk per track run of the
 * fragmented file) with {@link FileChannel#transferTo}, never held in memory.
 *
 * <p>Timing: each track starts where its first sample decodes, relative to the earliest track (an empty edit delays a
 * track that started later), and a video track's edit skips its first composition offset so that presentation starts
 * at zero. A track whose init segments described it differently (a new resolution mid-stream) keeps each description
 * as its own sample entry, chunks pointing at theirs.
 */
public final class ProgressiveMp4Writer {

    private static final int MOVIE_TIMESCALE = 1000;
    /** Above this much media a 32-bit chunk offset may overflow. */
    private static final long STCO_LIMIT = 0xFFFF_FFFFL - (64L << 20);
    private static final int LANGUAGE_UNDETERMINED = ('u' - 0x60) << 10 | ('n' - 0x60) << 5 | ('d' - 0x60);

    private record Chunk(FragmentedMp4Index.Track track, int index, long sourceOffset, long bytes) {
    }

    private ProgressiveMp4Writer() {
    }

    /**
     * Writes the file to {@code target} (from its current position, which should be 0) and returns its length.
     *
     * @throws IllegalArgumentException if the index has no samples
     */
    public static long write(FragmentedMp4Index index, FileChannel source, FileChannel target) throws IOException {
        if (index.tracks().isEmpty()) {
            throw new IllegalArgumentException("no samples to write");
        }
        List<Chunk> chunks = chunksInFileOrder(index);
        long mediaBytes = 0;
        for (Chunk chunk : chunks) {
            mediaBytes += chunk.bytes();
        }
        boolean largeOffsets = mediaBytes > STCO_LIMIT;
        byte[] ftyp = fileType();
        int mdatHeader = mediaBytes + 8 > 0xFFFF_FFFFL ? 16 : 8;
        // the offsets depend on the moov's size, which does not depend on their values: measure, then write
        int moovSize = movie(index, chunks, 0, largeOffsets).length;
        long mediaStart = ftyp.length + moovSize + mdatHeader;
        byte[] moov = movie(index, chunks, mediaStart, largeOffsets);

        writeFully(target, ByteBuffer.wrap(ftyp));
        writeFully(target, ByteBuffer.wrap(moov));
        ByteBuffer header = ByteBuffer.allocate(mdatHeader);
        if (mdatHeader == 16) {
            header.putInt(1).put(new byte[]{'m', 'd', 'a', 't'}).putLong(mediaBytes + 16);
        } else {
            header.putInt((int) (mediaBytes + 8)).put(new byte[]{'m', 'd', 'a', 't'});
        }
        writeFully(target, header.flip());
        for (Chunk chunk : chunks) {
            long copied = 0;
            while (copied < chunk.bytes()) {
                long n = source.transferTo(chunk.sourceOffset() + copied, chunk.bytes() - copied, target);
                if (n <= 0) {
                    throw new java.io.EOFException("the fragmented file ends inside a chunk at " + (chunk.sourceOffset() + copied));
                }
                copied += n;
            }
        }
        return mediaStart + mediaBytes;
    }

    private static List<Chunk> chunksInFileOrder(FragmentedMp4Index index) {
        List<Chunk> chunks = new ArrayList<>();
        for (FragmentedMp4Index.Track track : index.tracks()) {
            int sample = 0;
            for (int c = 0; c < track.chunkCount(); c++) {
                chunks.add(new Chunk(track, c, track.chunkOffset(c), track.chunkBytes(c, sample)));
                sample += track.chunkSamples(c);
            }
        }
        chunks.sort(Comparator.comparingLong(Chunk::sourceOffset));
        return chunks;
    }

    private static byte[] fileType() {
        BoxWriter out = new BoxWriter(32);
        out.begin("ftyp").fourCc("isom").u32(0x200).fourCc("isom").fourCc("iso6").fourCc("mp41").end();
        return out.toByteArray();
    }

    private static byte[] movie(FragmentedMp4Index index, List<Chunk> chunks, long mediaStart, boolean largeOffsets) {
        long earliest = index.earliestStartMs();
        long movieDuration = index.durationMs();
        BoxWriter out = new BoxWriter(64 * 1024);
        out.begin("moov");
        out.beginFull("mvhd", 0, 0);
        out.u32(0).u32(0).u32(MOVIE_TIMESCALE).u32(Math.min(movieDuration, 0xFFFF_FFFFL));
        out.u32(0x0001_0000).u16(0x0100).zeros(10);
        out.unityMatrix();
        out.zeros(24);
        int nextTrack = 1;
        for (FragmentedMp4Index.Track track : index.tracks()) {
            nextTrack = Math.max(nextTrack, track.trackId() + 1);
        }
        out.u32(nextTrack);
        out.end();
        for (FragmentedMp4Index.Track track : index.tracks()) {
            List<Long> offsets = outputOffsets(track, chunks, mediaStart);
            writeTrack(out, track, track.startMs() - earliest, offsets, largeOffsets);
        }
        out.end();
        return out.toByteArray();
    }

    /** Where each of the track's chunks lands in the output, in the track's chunk order. */
    private static List<Long> outputOffsets(FragmentedMp4Index.Track track, List<Chunk> chunks, long mediaStart) {
        Long[] offsets = new Long[track.chunkCount()];
        long position = mediaStart;
        for (Chunk chunk : chunks) {
            if (chunk.track() == track) {
                offsets[chunk.index()] = position;
            }
            position += chunk.bytes();
        }
        return List.of(offsets);
    }

    private static void writeTrack(BoxWriter out, FragmentedMp4Index.Track track, long delayMs, List<Long> offsets,
                                   boolean largeOffsets) {
        boolean video = track.isVideo();
        long mediaDuration = track.durationTicks();
        long durationMs = mediaDuration * MOVIE_TIMESCALE / track.timescale();
        out.begin("trak");
        out.beginFull("tkhd", 0, 3);
        out.u32(0).u32(0).u32(track.trackId()).u32(0).u32(Math.min(delayMs + durationMs, 0xFFFF_FFFFL));
        out.zeros(8).u16(0).u16(0).u16(video ? 0 : 0x0100).u16(0);
        out.unityMatrix();
        out.u32((long) track.width() << 16).u32((long) track.height() << 16);
        out.end();

        int leadingOffset = video && track.sampleCount() > 0 ? Math.max(0, track.compositionOffset(0)) : 0;
        if (delayMs > 0 || leadingOffset > 0) {
            out.begin("edts").beginFull("elst", 0, 0).u32(delayMs > 0 ? 2 : 1);
            if (delayMs > 0) {
                out.u32(delayMs).u32(0xFFFF_FFFFL).u16(1).u16(0); // an empty edit: the track starts later
            }
            out.u32(durationMs).u32(leadingOffset).u16(1).u16(0);
            out.end().end();
        }

        out.begin("mdia");
        boolean longDuration = mediaDuration > 0xFFFF_FFFFL;
        out.beginFull("mdhd", longDuration ? 1 : 0, 0);
        if (longDuration) {
            out.u64(0).u64(0).u32(track.timescale()).u64(mediaDuration);
        } else {
            out.u32(0).u32(0).u32(track.timescale()).u32(mediaDuration);
        }
        out.u16(LANGUAGE_UNDETERMINED).u16(0).end();
        out.beginFull("hdlr", 0, 0).u32(0).fourCc(track.handler()).zeros(12)
                .bytes((video ? "VideoHandler" : "SoundHandler").getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .u8(0).end();
        out.begin("minf");
        if (video) {
            out.beginFull("vmhd", 0, 1).u16(0).zeros(6).end();
        } else {
            out.beginFull("smhd", 0, 0).u16(0).u16(0).end();
        }
        out.begin("dinf").beginFull("dref", 0, 0).u32(1).beginFull("url ", 0, 1).end().end().end();
        out.begin("stbl");
        writeSampleTables(out, track, offsets, largeOffsets);
        out.end().end().end().end();
    }

    private static void writeSampleTables(BoxWriter out, FragmentedMp4Index.Track track, List<Long> offsets,
                                          boolean largeOffsets) {
        int samples = track.sampleCount();
        out.beginFull("stsd", 0, 0).u32(track.sampleEntries().size());
        for (byte[] entry : track.sampleEntries()) {
            out.bytes(entry);
        }
        out.end();

        // stts: runs of equal durations
        out.beginFull("stts", 0, 0);
        int countField = out.position();
        out.u32(0);
        int runs = 0;
        for (int i = 0; i < samples; ) {
            int j = i + 1;
            while (j < samples && track.duration(j) == track.duration(i)) {
                j++;
            }
            out.u32(j - i).u32(track.duration(i));
            runs++;
            i = j;
        }
        out.patchU32(countField, runs);
        out.end();

        boolean anyOffset = false;
        boolean negative = false;
        for (int i = 0; i < samples; i++) {
            anyOffset |= track.compositionOffset(i) != 0;
            negative |= track.compositionOffset(i) < 0;
        }
        if (anyOffset) {
            out.beginFull("ctts", negative ? 1 : 0, 0);
            countField = out.position();
            out.u32(0);
            runs = 0;
            for (int i = 0; i < samples; ) {
                int j = i + 1;
                while (j < samples && track.compositionOffset(j) == track.compositionOffset(i)) {
                    j++;
                }
                out.u32(j - i).u32(track.compositionOffset(i) & 0xFFFF_FFFFL);
                runs++;
                i = j;
            }
            out.patchU32(countField, runs);
            out.end();
        }

        int syncSamples = 0;
        for (int i = 0; i < samples; i++) {
            if (track.sync(i)) {
                syncSamples++;
            }
        }
        if (syncSamples < samples) {
            out.beginFull("stss", 0, 0).u32(syncSamples);
            for (int i = 0; i < samples; i++) {
                if (track.sync(i)) {
                    out.u32(i + 1);
                }
            }
            out.end();
        }

        out.beginFull("stsz", 0, 0).u32(0).u32(samples);
        for (int i = 0; i < samples; i++) {
            out.u32(track.size(i) & 0xFFFF_FFFFL);
        }
        out.end();

        // stsc: a new entry where the samples per chunk or the sample entry change
        out.beginFull("stsc", 0, 0);
        countField = out.position();
        out.u32(0);
        runs = 0;
        for (int c = 0; c < track.chunkCount(); c++) {
            if (c == 0 || track.chunkSamples(c) != track.chunkSamples(c - 1) || track.chunkEntry(c) != track.chunkEntry(c - 1)) {
                out.u32(c + 1).u32(track.chunkSamples(c)).u32(track.chunkEntry(c) + 1);
                runs++;
            }
        }
        out.patchU32(countField, runs);
        out.end();

        out.beginFull(largeOffsets ? "co64" : "stco", 0, 0).u32(offsets.size());
        for (long offset : offsets) {
            if (largeOffsets) {
                out.u64(offset);
            } else {
                out.u32(offset);
            }
        }
        out.end();
    }

    private static void writeFully(FileChannel target, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            target.write(bytes);
        }
    }
}
