package dev.inlet.media.fmp4;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a fragmented MP4 file holds, sample by sample, as {@link FragmentedMp4Reader} found it: per track its sample
 * descriptions (one per init segment that changed it), sample sizes, durations, composition offsets and sync flags, and
 * the chunks (one per track run) with their offsets in the file. Enough to write the same samples as a progressive
 * MP4 without reading them ({@link ProgressiveMp4Writer}).
 *
 * @param tracks         the tracks in track-id order
 * @param validBytes     where the last complete fragment ends: what follows (a fragment cut by a crash) is not indexed
 * @param fragments      complete fragments
 * @param truncatedBytes bytes after {@code validBytes} that were left out
 */
public record FragmentedMp4Index(List<Track> tracks, long validBytes, int fragments, long truncatedBytes) {

    /** The longest track's end in milliseconds, counting its start after the earliest track. */
    public long durationMs() {
        long start = earliestStartMs();
        long end = 0;
        for (Track track : tracks) {
            end = Math.max(end, track.startMs() - start + track.durationMs());
        }
        return end;
    }

    /** Sample bytes in all tracks. */
    public long mediaBytes() {
        long total = 0;
        for (Track track : tracks) {
            total += track.mediaBytes();
        }
        return total;
    }

    long earliestStartMs() {
        long start = Long.MAX_VALUE;
        for (Track track : tracks) {
            start = Math.min(start, track.startMs());
        }
        return start == Long.MAX_VALUE ? 0 : start;
    }

    public Optional<Track> video() {
        return tracks.stream().filter(Track::isVideo).findFirst();
    }

    public Optional<Track> audio() {
        return tracks.stream().filter(track -> !track.isVideo()).findFirst();
    }

    /** One track's samples and where their bytes are. Filled by the reader in file order. */
    public static final class Track {
        private final int trackId;
        private final String handler;
        private final long timescale;
        private final List<byte[]> sampleEntries = new ArrayList<>();
        private int width;
        private int height;
        private int currentEntry = -1;
        private long firstDecodeTime = -1;
        private long nextDecodeTime;
        private int samples;
        private int[] sizes = new int[1024];
        private long[] durations = new long[1024];
        private int[] compositionOffsets = new int[1024];
        private boolean[] sync = new boolean[1024];
        private int chunks;
        private long[] chunkOffsets = new long[256];
        private int[] chunkSamples = new int[256];
        private int[] chunkEntries = new int[256];
        private long mediaBytes;

        Track(int trackId, String handler, long timescale) {
            this.trackId = trackId;
            this.handler = handler;
            this.timescale = timescale;
        }

        public int trackId() {
            return trackId;
        }

        public boolean isVideo() {
            return "vide".equals(handler);
        }

        String handler() {
            return handler;
        }

        public long timescale() {
            return timescale;
        }

        public int width() {
            return width;
        }

        public int height() {
            return height;
        }

        public int sampleCount() {
            return samples;
        }

        public long mediaBytes() {
            return mediaBytes;
        }

        /** Sum of the sample durations, in the track's timescale. */
        public long durationTicks() {
            long total = 0;
            for (int i = 0; i < samples; i++) {
                total += durations[i];
            }
            return total;
        }

        public long durationMs() {
            return durationTicks() * 1000 / timescale;
        }

        /** Decode time of the first sample in milliseconds (0 without samples). */
        long startMs() {
            return firstDecodeTime < 0 ? 0 : firstDecodeTime * 1000 / timescale;
        }

        /** The sample entries (the boxes inside stsd), in the order the init segments brought them. */
        List<byte[]> sampleEntries() {
            return sampleEntries;
        }

        /** The 4CC of the first sample entry: {@code avc1}, {@code hvc1}, {@code av01}, {@code mp4a}, … */
        public String codec() {
            if (sampleEntries.isEmpty()) {
                return "";
            }
            byte[] entry = sampleEntries.get(0);
            return new String(entry, 4, 4, java.nio.charset.StandardCharsets.US_ASCII);
        }

        /** An init segment's description of this track: becomes current, added when not seen before. */
        void describe(byte[] sampleEntry, int newWidth, int newHeight) {
            for (int i = 0; i < sampleEntries.size(); i++) {
                if (Arrays.equals(sampleEntries.get(i), sampleEntry)) {
                    currentEntry = i;
                    return;
                }
            }
            sampleEntries.add(sampleEntry);
            currentEntry = sampleEntries.size() - 1;
            if (newWidth > width || newHeight > height) {
                width = Math.max(width, newWidth);
                height = Math.max(height, newHeight);
            }
        }

        boolean described() {
            return currentEntry >= 0;
        }

        /**
         * A track run starts at {@code decodeTime}: a gap before it (an input that paused, a failover) lengthens the
         * sample before it, so that the progressive file keeps every sample at its time.
         */
        void runStarts(long decodeTime, long offset, int count) {
            if (firstDecodeTime < 0) {
                firstDecodeTime = decodeTime;
            } else if (samples > 0 && decodeTime != nextDecodeTime) {
                durations[samples - 1] = Math.max(1, durations[samples - 1] + decodeTime - nextDecodeTime);
            }
            nextDecodeTime = decodeTime;
            if (chunks == chunkOffsets.length) {
                chunkOffsets = Arrays.copyOf(chunkOffsets, chunks * 2);
                chunkSamples = Arrays.copyOf(chunkSamples, chunks * 2);
                chunkEntries = Arrays.copyOf(chunkEntries, chunks * 2);
            }
            chunkOffsets[chunks] = offset;
            chunkSamples[chunks] = count;
            chunkEntries[chunks] = currentEntry;
            chunks++;
        }

        void sample(int size, long duration, int compositionOffset, boolean isSync) {
            if (samples == sizes.length) {
                int grown = samples * 2;
                sizes = Arrays.copyOf(sizes, grown);
                durations = Arrays.copyOf(durations, grown);
                compositionOffsets = Arrays.copyOf(compositionOffsets, grown);
                sync = Arrays.copyOf(sync, grown);
            }
            sizes[samples] = size;
            durations[samples] = duration;
            compositionOffsets[samples] = compositionOffset;
            sync[samples] = isSync;
            samples++;
            nextDecodeTime += duration;
            mediaBytes += size;
        }

        /** Where the track stands, to come back to if the fragment being read turns out incomplete or malformed. */
        record Mark(int samples, int chunks, long nextDecodeTime, long firstDecodeTime, long mediaBytes,
                    long lastDuration) {
        }

        Mark mark() {
            return new Mark(samples, chunks, nextDecodeTime, firstDecodeTime, mediaBytes,
                    samples > 0 ? durations[samples - 1] : 0);
        }

        /** Forgets everything added since {@code mark}, a gap folded into the sample before it included. */
        void rollback(Mark mark) {
            samples = mark.samples();
            chunks = mark.chunks();
            nextDecodeTime = mark.nextDecodeTime();
            firstDecodeTime = mark.firstDecodeTime();
            mediaBytes = mark.mediaBytes();
            if (samples > 0) {
                durations[samples - 1] = mark.lastDuration();
            }
        }

        int size(int sample) {
            return sizes[sample];
        }

        long duration(int sample) {
            return durations[sample];
        }

        int compositionOffset(int sample) {
            return compositionOffsets[sample];
        }

        boolean sync(int sample) {
            return sync[sample];
        }

        int chunkCount() {
            return chunks;
        }

        long chunkOffset(int chunk) {
            return chunkOffsets[chunk];
        }

        int chunkSamples(int chunk) {
            return chunkSamples[chunk];
        }

        int chunkEntry(int chunk) {
            return chunkEntries[chunk];
        }

        /** Bytes of a chunk: its samples are contiguous in the file. */
        long chunkBytes(int chunk, int firstSample) {
            long total = 0;
            for (int i = firstSample; i < firstSample + chunkSamples[chunk]; i++) {
                total += sizes[i];
            }
            return total;
        }
    }
}
