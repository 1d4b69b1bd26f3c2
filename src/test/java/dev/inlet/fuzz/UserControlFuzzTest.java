package dev.inlet.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.chunk.UserControl;
import dev.inlet.rtmp.chunk.UserControlEvent;

/** The User Control message (type 4) parser on any payload. */
class UserControlFuzzTest {

    @FuzzTest
    void fuzz(byte[] payload) {
        FuzzContract.rtmp(() -> {
            UserControlEvent event = UserControl.parse(new RtmpMessage(MessageTypes.USER_CONTROL, 0, 0, payload));
            FuzzContract.check(event.eventType() >= 0 && event.eventType() <= 0xFFFF, "event type " + event.eventType());
        });
    }
}
