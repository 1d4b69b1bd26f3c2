package dev.inlet.media;

import java.io.IOException;

/** Where {@link RtmpFrameWriter} sends FLV tags: implemented by a play session (RTMP messages) or an FLV file writer. */
public interface FlvTagSink {

    int AUDIO = 8;
    int VIDEO = 9;
    int SCRIPT_DATA = 18;

    /**
     * Writes one tag.
     *
     * @param tagType     8 audio, 9 video, 18 script data
     * @param timestampMs the tag timestamp (decoding time) in milliseconds, never negative
     * @param body        the tag body; the sink must not modify it and may keep it
     */
    void writeTag(int tagType, long timestampMs, byte[] body) throws IOException;
}
