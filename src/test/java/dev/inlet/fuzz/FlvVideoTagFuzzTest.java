package dev.inlet.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.inlet.media.FlvVideoTag;

/** The FLV / Enhanced RTMP video tag header on any video message body. */
class FlvVideoTagFuzzTest {

    @FuzzTest
    void fuzz(byte[] body) {
        FuzzContract.media(() -> {
            FlvVideoTag tag = FlvVideoTag.parse(body);
            // a multitrack tag's payload is its first track, so the range lies within the body, not at its end
            FuzzContract.check(tag.payloadOffset() >= 0 && tag.payloadOffset() + tag.payloadLength() <= body.length,
                    "payload range " + tag.payloadOffset() + "+" + tag.payloadLength() + " outside the body of " + body.length);
            FuzzContract.check(tag.payloadLength() >= 0, "negative payload length " + tag.payloadLength());
            tag.frameKind();
            tag.isSequenceHeader();
            tag.isKeyframe();
            tag.compositionTime();
            tag.toString();
        });
    }
}
