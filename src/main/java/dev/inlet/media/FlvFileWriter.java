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

    private static final int HEADER_SIZE = 9;
    private static final int TAG_HEADER_SIZE = 11;
    private static final int MAX_BODY_SIZE = 0xFF_FFFF;
    private static final int FLAG_AUDIO = 0x04;
    private static final int FLAG_VIDEO = 0x01;

    private final OutputStream out;

    public FlvFileWriter(Path file, boolean hasAudio, boolean hasVideo) throws IOException {
        this(Files.newOutputStream(file), hasAudio, hasVideo);
    }

    /** Writes to a stream (closed by {@link #close()}). */
    public FlvFileWriter(OutputStream stream, boolean hasAudio, boolean hasVideo) throws IOException {
        this.out = new BufferedOutputStream(stream, 64 * 1024);
        byte[] header = {'F', 'L', 'V', 1, (byte) ((hasAudio ? FLAG_AUDIO : 0) | (hasVideo ? FLAG_VIDEO : 0)), 0, 0, 0, HEADER_SIZE};
        out.write(header);
        writeU32(0); // PreviousTagSize0
    }

    @Override
    public void writeTag(int tagType, long timestampMs, byte[] body) throws IOException {
        if (tagType != AUDIO && tagType != VIDEO && tagType != SCRIPT_DATA) {
            throw new IllegalArgumentException("FLV tag type " + tagType);
        }
        if (timestampMs < 0) {
            throw new IllegalArgumentException("negative FLV timestamp " + timestampMs);
        }
        if (body.length > MAX_BODY_SIZE) {
            throw new IllegalArgumentException("FLV tag body of " + body.length + " bytes exceeds " + MAX_BODY_SIZE);
        }
        long timestamp = timestampMs & 0xFFFF_FFFFL;
        byte[] header = new byte[TAG_HEADER_SIZE];
        header[0] = (byte) tagType;
        Bytes.putU24(header, 1, body.length);
        Bytes.putU24(header, 4, (int) timestamp);
        header[7] = (byte) (timestamp >>> 24); // TimestampExtended: the high byte
        // bytes 8..10: StreamID, always 0
        out.write(header);
        out.write(body);
        writeU32(TAG_HEADER_SIZE + body.length);
    }

    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private void writeU32(int value) throws IOException {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }
}
