package dev.inlet.media;

import java.util.ArrayList;
import java.util.List;

/**
 * The part shared by the Enhanced RTMP (v1 and v2) audio and video tag headers: the ModEx chain, the multitrack
 * header and the per-track bodies. Every length is checked against the body before it is used.
 *
 * @param packetType            the packet type that applies to the tracks (after ModEx and multitrack are resolved)
 * @param multitrackType        0 one track, 1 many tracks, 2 many tracks with many codecs; -1 without multitrack
 * @param timestampOffsetNanos  the ModEx TimestampOffsetNano (0..999999), 0 when absent
 * @param command               the video command byte of a command frame, or -1
 * @param tracks                the tracks of the message, in wire order
 */
record EnhancedTagBody(int packetType, int multitrackType, int timestampOffsetNanos, int command, List<TagTrack> tracks) {

    static final int MOD_EX = 7;
    static final int MOD_EX_TIMESTAMP_OFFSET_NANO = 0;
    static final int ONE_TRACK = 0;
    static final int MANY_TRACKS_MANY_CODECS = 2;
    /** One message carries at most this many tracks (track ids are one byte). */
    private static final int MAX_TRACKS = 256;
    private static final int MAX_NANOS = 999_999;

    /**
     * Reads from the first byte on.
     *
     * @param multitrackPacketType 6 for video, 5 for audio
     * @param commandFrame         a video tag whose frame type is 5: unless it carries metadata, a command byte follows
     * @param hasCompositionTime   which (FourCC, packet type) pairs carry an SI24 composition time before their data
     */
    static EnhancedTagBody parse(byte[] body, int multitrackPacketType, boolean commandFrame,
                                 CompositionTimeRule hasCompositionTime, int metadataPacketType) {
        int position = 1;
        int packetType = Bytes.u8(body, 0, "enhanced tag header") & 0x0F;
        int nanos = 0;
        while (packetType == MOD_EX) {
            int size = Bytes.u8(body, position++, "ModEx data size") + 1;
            if (size == 256) {
                size = Bytes.u16(body, position, "ModEx extended data size") + 1;
                position += 2;
            }
            Bytes.require(body, position, size, "ModEx data");
            int dataStart = position;
            position += size;
            int next = Bytes.u8(body, position++, "ModEx type");
            if (next >> 4 == MOD_EX_TIMESTAMP_OFFSET_NANO && size >= 3) {
                nanos = Math.min(Bytes.u24(body, dataStart, "TimestampOffsetNano"), MAX_NANOS);
            }
            packetType = next & 0x0F;
        }
        if (commandFrame && packetType != metadataPacketType) {
            int command = Bytes.u8(body, position, "video command");
            return new EnhancedTagBody(packetType, -1, nanos, command, List.of());
        }
        if (packetType != multitrackPacketType) {
            int fourCc = Bytes.u32AsInt(body, position, "FourCC");
            position += 4;
            return new EnhancedTagBody(packetType, -1, nanos, -1,
                    List.of(track(body, 0, fourCc, position, body.length, packetType, hasCompositionTime)));
        }
        int multitrack = Bytes.u8(body, position++, "multitrack type");
        int multitrackType = multitrack >> 4;
        packetType = multitrack & 0x0F;
        if (packetType == multitrackPacketType || packetType == MOD_EX) {
            throw new MediaFormatException("multitrack packet type " + packetType + " inside a multitrack message");
        }
        if (multitrackType > MANY_TRACKS_MANY_CODECS) {
            throw new MediaFormatException("reserved multitrack type " + multitrackType);
        }
        int sharedFourCc = 0;
        if (multitrackType != MANY_TRACKS_MANY_CODECS) {
            sharedFourCc = Bytes.u32AsInt(body, position, "multitrack FourCC");
            position += 4;
        }
        List<TagTrack> tracks = new ArrayList<>();
        do {
            if (tracks.size() >= MAX_TRACKS) {
                throw new MediaFormatException("more than " + MAX_TRACKS + " tracks in one message");
            }
            int fourCc = sharedFourCc;
            if (multitrackType == MANY_TRACKS_MANY_CODECS) {
                fourCc = Bytes.u32AsInt(body, position, "track FourCC");
                position += 4;
            }
            int trackId = Bytes.u8(body, position++, "track id");
            int end = body.length;
            if (multitrackType != ONE_TRACK) {
                int size = Bytes.u24(body, position, "track size");
                position += 3;
                Bytes.require(body, position, size, "track " + trackId);
                end = position + size;
            }
            tracks.add(track(body, trackId, fourCc, position, end, packetType, hasCompositionTime));
            position = end;
        } while (multitrackType != ONE_TRACK && position < body.length);
        return new EnhancedTagBody(packetType, multitrackType, nanos, -1, List.copyOf(tracks));
    }

    private static TagTrack track(byte[] body, int trackId, int fourCc, int start, int end, int packetType,
                                  CompositionTimeRule rule) {
        int compositionTime = 0;
        if (rule.applies(fourCc, packetType)) {
            if (end - start < 3) {
                throw new MediaFormatException("composition time runs past the end of track " + trackId);
            }
            compositionTime = Bytes.s24(body, start, "composition time");
            start += 3;
        }
        return new TagTrack(trackId, fourCc, start, end - start, compositionTime);
    }

    /** Which tracks carry an SI24 composition time before their data. */
    @FunctionalInterface
    interface CompositionTimeRule {
        CompositionTimeRule NONE = (fourCc, packetType) -> false;

        boolean applies(int fourCc, int packetType);
    }
}
