package dev.inlet.media;

import java.util.Arrays;

/**
 * Where one track's codec data sits inside an FLV audio or video tag body. A legacy or single-track
 * Enhanced RTMP tag has exactly one, with track id 0; an Enhanced RTMP v2 multitrack tag has one per track.
 *
 * @param trackId         the Enhanced RTMP track id (0 is the default track)
 * @param fourCc          the Enhanced RTMP FourCC, or 0 for a legacy tag
 * @param offset          where the codec data starts in the body (after any composition time)
 * @param length          how many bytes of codec data follow
 * @param compositionTime the composition time offset in milliseconds (0 when the packet type has none)
 */
public record TagTrack(int trackId, int fourCc, int offset, int length, int compositionTime) {

    /** A copy of this track's codec data. */
    public byte[] data(byte[] body) {
        Bytes.require(body, offset, length, "track data");
        return Arrays.copyOfRange(body, offset, offset + length);
    }
}
