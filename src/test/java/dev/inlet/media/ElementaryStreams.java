package dev.inlet.media;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test-side splitting of elementary streams into the units an encoder would hand to RtmpFrameWriter. */
final class ElementaryStreams {

    private ElementaryStreams() {
    }

    /**
     * Splits an H.264 Annex-B stream into access units (H.264 7.4.1.2.3): a new one begins at an access unit delimiter,
     * SPS, PPS or SEI that follows a slice, or at a slice whose first_mb_in_slice is 0 (the first slice of a picture).
     */
    static List<List<byte[]>> h264AccessUnits(byte[] annexB) {
        List<List<byte[]>> units = new ArrayList<>();
        List<byte[]> current = new ArrayList<>();
        boolean sliceSeen = false;
        for (byte[] nal : AnnexB.splitNalUnits(annexB)) {
            int type = AvcNalUnit.type(nal);
            boolean slice = type == AvcNalUnit.NON_IDR_SLICE || type == AvcNalUnit.IDR_SLICE;
            boolean startsPicture = slice && (nal[1] & 0x80) != 0; // ue(v) first_mb_in_slice == 0 is the single bit 1
            boolean prefix = type == AvcNalUnit.ACCESS_UNIT_DELIMITER || type == AvcNalUnit.SPS
                    || type == AvcNalUnit.PPS || type == AvcNalUnit.SEI;
            if (sliceSeen && (prefix || startsPicture)) {
                units.add(current);
                current = new ArrayList<>();
                sliceSeen = false;
            }
            current.add(nal);
            sliceSeen |= slice;
        }
        if (!current.isEmpty()) {
            units.add(current);
        }
        return units;
    }

    /** Splits an ADTS stream into whole frames (header included). */
    static List<byte[]> adtsFrames(byte[] stream) {
        List<byte[]> frames = new ArrayList<>();
        int offset = 0;
        while (offset < stream.length) {
            AdtsHeader header = AdtsHeader.parse(stream, offset);
            frames.add(Arrays.copyOfRange(stream, offset, offset + header.frameLength()));
            offset += header.frameLength();
        }
        return frames;
    }
}
