package dev.inlet.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.inlet.media.FlvAudioTag;

/** The FLV audio tag header on any audio message body. */
class FlvAudioTagFuzzTest {

    @FuzzTest
    void fuzz(byte[] body) {
        FuzzContract.media(() -> {
            FlvAudioTag tag = FlvAudioTag.parse(body);
            // a multitrack tag's payload is its first track, so the range lies within the body, not at its end
            FuzzContract.check(tag.payloadLength() >= 0 && tag.payloadOffset() >= 0
                            && tag.payloadOffset() + tag.payloadLength() <= body.length,
                    "payload range " + tag.payloadOffset() + "+" + tag.payloadLength() + " outside the body of " + body.length);
            tag.soundRateHz();
            tag.frameKind();
            tag.isSequenceHeader();
            tag.toString();
        });
    }
}
