package dev.inlet.media;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A test-side FLV file reader: header, then tags with their previous-tag-size checked. */
final class FlvReader {

    record Tag(int type, long timestamp, byte[] body) {
    }

    record FlvFile(boolean hasAudio, boolean hasVideo, List<Tag> tags) {
    }

    private FlvReader() {
    }

    static FlvFile read(byte[] file) {
        if (file.length < 13 || file[0] != 'F' || file[1] != 'L' || file[2] != 'V' || file[3] != 1) {
            throw new AssertionError("not an FLV v1 file");
        }
        int dataOffset = Bytes.u32AsInt(file, 5, "data offset");
        if (Bytes.u32AsInt(file, dataOffset, "PreviousTagSize0") != 0) {
            throw new AssertionError("PreviousTagSize0 is not 0");
        }
        List<Tag> tags = new ArrayList<>();
        int position = dataOffset + 4;
        while (position < file.length) {
            int type = file[position] & 0x1F;
            int size = Bytes.u24(file, position + 1, "DataSize");
            long timestamp = (Bytes.u24(file, position + 4, "Timestamp") | (file[position + 7] & 0xFFL) << 24);
            if (Bytes.u24(file, position + 8, "StreamID") != 0) {
                throw new AssertionError("StreamID is not 0 at " + position);
            }
            byte[] body = Arrays.copyOfRange(file, position + 11, position + 11 + size);
            int previousTagSize = Bytes.u32AsInt(file, position + 11 + size, "PreviousTagSize");
            if (previousTagSize != 11 + size) {
                throw new AssertionError("PreviousTagSize " + previousTagSize + " after a tag of " + (11 + size) + " bytes");
            }
            tags.add(new Tag(type, timestamp, body));
            position += 11 + size + 4;
        }
        return new FlvFile((file[4] & 0x04) != 0, (file[4] & 0x01) != 0, tags);
    }
}
