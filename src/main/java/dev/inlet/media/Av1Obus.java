package dev.inlet.media;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Walks AV1 OBUs in the low-overhead bitstream format (AV1 section 5.3): every OBU carries its size. */
public final class Av1Obus {

    public static final int SEQUENCE_HEADER = 1;
    public static final int TEMPORAL_DELIMITER = 2;
    public static final int FRAME_HEADER = 3;
    public static final int FRAME = 6;

    private Av1Obus() {
    }

    /** One OBU: its type and where it lies in the data (header included). */
    public record Obu(int type, int offset, int length, int headerLength) {
    }

    /** Splits {@code data} into OBUs; an OBU without a size field takes the rest. */
    public static List<Obu> split(byte[] data) {
        List<Obu> obus = new ArrayList<>();
        int position = 0;
        while (position < data.length) {
            int header = Bytes.u8(data, position, "OBU header");
            if ((header & 0x80) != 0) {
                throw new MediaFormatException("OBU forbidden bit set");
            }
            int type = (header >> 3) & 0x0F;
            boolean extension = (header & 0x04) != 0;
            boolean hasSize = (header & 0x02) != 0;
            int cursor = position + 1 + (extension ? 1 : 0);
            if (cursor > data.length) {
                throw new MediaFormatException("OBU extension header missing at the end of the data");
            }
            long size;
            if (hasSize) {
                long value = 0;
                int i = 0;
                int b;
                do {
                    if (i == 8) {
                        throw new MediaFormatException("OBU size leb128 longer than 8 bytes");
                    }
                    b = Bytes.u8(data, cursor++, "OBU size");
                    value |= (long) (b & 0x7F) << (7 * i);
                    i++;
                } while ((b & 0x80) != 0);
                size = value;
            } else {
                size = data.length - cursor;
            }
            if (size > data.length - cursor) {
                throw new MediaFormatException("OBU of " + size + " bytes, only " + (data.length - cursor) + " left");
            }
            obus.add(new Obu(type, position, cursor - position + (int) size, cursor - position));
            position = cursor + (int) size;
        }
        return obus;
    }

    /** The first OBU of {@code type} in {@code data} (whole OBU, header included). */
    public static Optional<byte[]> find(byte[] data, int type) {
        return split(data).stream().filter(obu -> obu.type() == type).findFirst()
                .map(obu -> Bytes.slice(data, obu.offset(), obu.length(), "OBU"));
    }

    /** Whether a temporal unit contains a sequence header (AV1 encoders repeat it at every key frame). */
    public static boolean containsSequenceHeader(byte[] data) {
        return split(data).stream().anyMatch(obu -> obu.type() == SEQUENCE_HEADER);
    }
}
