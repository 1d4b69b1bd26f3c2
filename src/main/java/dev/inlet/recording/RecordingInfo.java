package dev.inlet.recording;

import java.time.Instant;
import java.util.Objects;

/**
 * One recording as the catalog keeps it.
 *
 * @param id         a random UUID
 * @param stream     the stream's code
 * @param node       the node that wrote it (its recording directory holds the file)
 * @param started    when its first fragment was written
 * @param ended      when it ended; null while recording
 * @param durationMs the media's duration; 0 until it is finalised
 * @param bytes      the file's size (the fragments written so far while recording)
 * @param codecs     the 4CCs of its tracks, video first, comma-separated ({@code avc1,mp4a}); empty before media
 * @param file       the file, relative to the recording directory ({@code <stream>/<name>.mp4})
 * @param reason     why it failed (or how it was recovered); null otherwise
 */
public record RecordingInfo(String id, String stream, String node, RecordingState state, Instant started,
                            Instant ended, long durationMs, long bytes, String codecs, int width, int height,
                            String file, String reason) {

    public RecordingInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(file, "file");
        codecs = codecs == null ? "" : codecs;
    }

    RecordingInfo ended(RecordingState newState, Instant at, long newDurationMs, long newBytes, String newCodecs,
                        int newWidth, int newHeight, String newFile, String why) {
        return new RecordingInfo(id, stream, node, newState, started, at, newDurationMs, newBytes, newCodecs, newWidth,
                newHeight, newFile, why);
    }
}
