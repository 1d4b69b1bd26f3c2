package dev.inlet.ingest;

import dev.inlet.hub.MediaFrame;

/**
 * Kept only until the publisher calls {@link MediaFrame#parse} itself: the message-to-frame parse moved to the hub,
 * where every protocol's ingest can reach it.
 *
 * @deprecated use {@link MediaFrame#parse(int, byte[], long)}; RTMP message type ids are the FLV tag types
 */
@Deprecated(forRemoval = true)
final class IngestFrames {

    private IngestFrames() {
    }

    static MediaFrame toFrame(int typeId, byte[] body, long timestamp) {
        return MediaFrame.parse(typeId, body, timestamp);
    }
}
