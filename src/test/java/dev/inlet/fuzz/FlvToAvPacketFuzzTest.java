package dev.inlet.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.inlet.media.AVPacket;
import dev.inlet.media.FlvToAvPacket;
import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.RtmpMessage;

/**
 * One publish's audio, video and data bodies through the FLV-to-packet converter, in the {@link SessionMessages}
 * framing (types other than audio and video are passed as data). A malformed body costs that body only: the
 * converter is used again for the next one, as a publish session would.
 */
class FlvToAvPacketFuzzTest {

    @FuzzTest
    void fuzz(byte[] input) {
        FlvToAvPacket converter = new FlvToAvPacket();
        for (RtmpMessage message : SessionMessages.parse(input, 0)) {
            FuzzContract.media(() -> {
                AVPacket packet = switch (message.typeId()) {
                    case MessageTypes.VIDEO -> converter.video(message.payload(), message.timestamp());
                    case MessageTypes.AUDIO -> converter.audio(message.payload(), message.timestamp());
                    default -> converter.data(message.payload(), message.timestamp());
                };
                if (packet != null) {
                    FuzzContract.check(packet.data() != null && packet.kind() != null, "incomplete packet " + packet);
                }
            });
        }
    }
}
