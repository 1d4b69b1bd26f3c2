package dev.inlet.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a whole (small) FLV file into its tags. Only what the benchmark needs: no seeking, no encryption. */
final class FlvFile {

    private static final long MAX_FILE_BYTES = 512L * 1024 * 1024;
    private static final int TAG_HEADER_BYTES = 11;

    private FlvFile() {
    }

    static List<FlvTag> read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new IOException(file + " is larger than " + MAX_FILE_BYTES + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
        if (in.remaining() < 13 || in.get() != 'F' || in.get() != 'L' || in.get() != 'V') {
            throw new IOException(file + " is not an FLV file");
        }
        in.get(); // version
        in.get(); // audio/video flags
        long headerSize = Integer.toUnsignedLong(in.getInt());
        if (headerSize < 9 || headerSize > in.capacity() - 4) {
            throw new IOException("bad FLV header size " + headerSize);
        }
        in.position((int) headerSize + 4); // skip PreviousTagSize0
        List<FlvTag> tags = new ArrayList<>();
        while (in.remaining() >= TAG_HEADER_BYTES) {
            int flagsAndType = in.get() & 0xFF;
            int dataSize = readUint24(in);
            long timestamp = readUint24(in) | ((long) (in.get() & 0xFF) << 24);
            readUint24(in); // stream id, always 0
            if (dataSize > in.remaining()) {
                break; // a truncated last tag (e.g. an encoder stopped mid-write): ignore it
            }
            byte[] body = new byte[dataSize];
            in.get(body);
            if ((flagsAndType & 0x20) != 0) {
                throw new IOException("encrypted FLV tags are not supported");
            }
            tags.add(new FlvTag(flagsAndType & 0x1F, timestamp, body));
            if (in.remaining() >= 4) {
                in.getInt(); // PreviousTagSize
            }
        }
        return tags;
    }

    private static int readUint24(ByteBuffer in) {
        return ((in.get() & 0xFF) << 16) | ((in.get() & 0xFF) << 8) | (in.get() & 0xFF);
    }
}
