package dev.inlet.media.fmp4;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A test-only ISO BMFF reader: splits bytes into boxes (32-bit sizes, as the muxer writes them), checks that every
 * box fits its parent exactly, and reads big-endian fields from a box's payload.
 */
final class BoxReader {

    /** One box: its type and where it lies in {@code file} (header included). */
    record Box(String type, byte[] file, int start, int end) {

        int size() {
            return end - start;
        }

        /** The payload, after the 8-byte header. */
        Fields fields() {
            return new Fields(file, start + 8, end);
        }

        /** The payload after the header and {@code skip} bytes of fields: where child boxes start. */
        List<Box> children(int skip) {
            return split(file, start + 8 + skip, end);
        }

        List<Box> children() {
            return children(0);
        }

        /** The only child of {@code type}; fails when there is none or more than one. */
        Box child(String type) {
            return child(type, 0);
        }

        Box child(String type, int skip) {
            List<Box> matching = children(skip).stream().filter(box -> box.type.equals(type)).toList();
            if (matching.size() != 1) {
                throw new AssertionError(matching.size() + " '" + type + "' boxes in '" + this.type + "': "
                        + children(skip).stream().map(Box::type).toList());
            }
            return matching.get(0);
        }

        /** The box at a slash-separated path of container boxes below this one (each with no fields before). */
        Box path(String path) {
            Box box = this;
            for (String type : path.split("/")) {
                box = box.child(type);
            }
            return box;
        }

        byte[] payload() {
            return Arrays.copyOfRange(file, start + 8, end);
        }
    }

    /** A cursor over a box payload's fields. */
    static final class Fields {
        private final byte[] data;
        private int position;
        private final int end;

        Fields(byte[] data, int position, int end) {
            this.data = data;
            this.position = position;
            this.end = end;
        }

        int u8() {
            need(1);
            return data[position++] & 0xFF;
        }

        int u16() {
            return u8() << 8 | u8();
        }

        int u24() {
            return u8() << 16 | u16();
        }

        long u32() {
            return (long) u16() << 16 | u16();
        }

        int s32() {
            return (int) u32();
        }

        long u64() {
            return u32() << 32 | u32();
        }

        String fourCc() {
            need(4);
            String code = new String(data, position, 4, StandardCharsets.US_ASCII);
            position += 4;
            return code;
        }

        byte[] bytes(int count) {
            need(count);
            byte[] out = Arrays.copyOfRange(data, position, position + count);
            position += count;
            return out;
        }

        Fields skip(int count) {
            need(count);
            position += count;
            return this;
        }

        int remaining() {
            return end - position;
        }

        private void need(int count) {
            if (count > end - position) {
                throw new AssertionError("field of " + count + " bytes runs past the box (" + (end - position) + " left)");
            }
        }
    }

    private BoxReader() {
    }

    /** The top-level boxes of a file; they must cover it exactly. */
    static List<Box> read(byte[] file) {
        return split(file, 0, file.length);
    }

    static Box only(byte[] file, String type) {
        List<Box> boxes = read(file).stream().filter(box -> box.type().equals(type)).toList();
        if (boxes.size() != 1) {
            throw new AssertionError(boxes.size() + " top-level '" + type + "' boxes");
        }
        return boxes.get(0);
    }

    private static List<Box> split(byte[] file, int from, int to) {
        List<Box> boxes = new ArrayList<>();
        int position = from;
        while (position < to) {
            if (to - position < 8) {
                throw new AssertionError((to - position) + " stray bytes at " + position);
            }
            long size = new Fields(file, position, to).u32();
            String type = new String(file, position + 4, 4, StandardCharsets.US_ASCII);
            if (size < 8 || size > to - position) {
                throw new AssertionError("box '" + type + "' at " + position + " of " + size + " bytes does not fit in "
                        + (to - position));
            }
            boxes.add(new Box(type, file, position, position + (int) size));
            position += (int) size;
        }
        return boxes;
    }
}
