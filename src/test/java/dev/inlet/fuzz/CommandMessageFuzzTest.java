package dev.inlet.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.amf.AmfLimits;
import dev.inlet.rtmp.command.CommandMessage;

import java.util.Arrays;

/**
 * Command and data message bodies. The first input byte picks the message type (AMF0 or AMF3 command, AMF0 or AMF3
 * data), the rest is the body.
 */
class CommandMessageFuzzTest {

    private static final int[] TYPES = {
        MessageTypes.COMMAND_AMF0, MessageTypes.COMMAND_AMF3, MessageTypes.DATA_AMF0, MessageTypes.DATA_AMF3};

    @FuzzTest
    void fuzz(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int typeId = TYPES[(input[0] & 0xFF) % TYPES.length];
        RtmpMessage message = new RtmpMessage(typeId, 1, 0, Arrays.copyOfRange(input, 1, input.length));
        FuzzContract.rtmp(() -> {
            CommandMessage command = CommandMessage.decode(message, AmfLimits.defaults());
            command.commandProperties();
            command.stringArgument(0);
            command.numberArgument(0);
            command.booleanArgument(1);
        });
    }
}
