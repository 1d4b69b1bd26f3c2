package dev.inlet.media;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes an FLV file (FLV v10.1 annex E.2-E.3): the 9-byte header, then each tag followed by its PreviousTagSize.
 * Timestamps are written as FLV's unsigned 32 bits (24 bits plus the extended byte), so they wrap after ~49.7 days
 * as they do on RTMP.
 */
public final class FlvFileWriter implements FlvTagSink, Closeable {

    private final OutputStream out;

    public FlvFileWriter(Path file, boolean hasAudio, boolean hasVideo) throws IOException {
        this(Files.newOutputStream(file), hasAudio, hasVideo);
    }

    /** Writes to a stream (closed by {@link #close()}). */
    public FlvFileWriter(OutputStream stream, boolean hasAudio, boolean hasVideo) throws IOException {
        this.out = new BufferedOutputStream(stream, 64 * 1024);
        out.write(FlvTags.fileHeader(hasAudio, hasVideo));
    }

    @Override
    public void writeTag(int tagType, long timestampMs, byte[] body) throws IOException {
        out.write(FlvTags.tagHeader(tagType, timestampMs, body.length));
        out.write(body);
        out.write(FlvTags.previousTagSize(body.length));
    }

    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
