package dev.inlet.rtmp.command;

import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.RtmpProtocolException;
import dev.inlet.rtmp.amf.Amf0Reader;
import dev.inlet.rtmp.amf.Amf0Writer;
import dev.inlet.rtmp.amf.AmfLimits;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A command message (types 20 and 17): name, transaction id, command object and optional arguments.
 *
 * <p>Type 17 ("AMF3 command") carries a format byte (0) followed by AMF0 values that may switch to
 * AMF3 individually; {@link Amf0Reader} handles that switch, so both types decode the same way.
 */
public record CommandMessage(String name, double transactionId, Object commandObject, List<Object> arguments) {

    public CommandMessage {
        arguments = arguments == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(arguments));
    }

    public static CommandMessage of(String name, double transactionId, Object commandObject, Object... arguments) {
        List<Object> args = new ArrayList<>(arguments.length);
        Collections.addAll(args, arguments);
        return new CommandMessage(name, transactionId, commandObject, args);
    }

    public static CommandMessage decode(RtmpMessage message, AmfLimits limits) {
        List<Object> values = readValues(message, limits);
        if (values.isEmpty() || !(values.get(0) instanceof String name)) {
            throw new RtmpProtocolException(RtmpProtocolException.Reason.MALFORMED,
                    "command message does not start with a command name");
        }
        double transactionId = values.size() > 1 && values.get(1) instanceof Number n ? n.doubleValue() : 0;
        Object commandObject = values.size() > 2 ? values.get(2) : null;
        List<Object> args = values.size() > 3 ? values.subList(3, values.size()) : List.of();
        return new CommandMessage(name, transactionId, commandObject, args);
    }

    /** Reads every AMF value of a command or data message body, whichever of the two encodings it uses. */
    public static List<Object> readValues(RtmpMessage message, AmfLimits limits) {
        ByteBuffer body = ByteBuffer.wrap(message.payload());
        if ((message.typeId() == MessageTypes.COMMAND_AMF3 || message.typeId() == MessageTypes.DATA_AMF3)
                && body.hasRemaining() && body.get(0) == 0) {
            body.get(); // format selector: 0 means AMF0 values follow
        }
        return new Amf0Reader(body, limits).readAll();
    }

    /** Encodes as an AMF0 command (type 20) on the given message stream. */
    public RtmpMessage encode(int streamId) {
        return encode(MessageTypes.COMMAND_AMF0, streamId);
    }

    /** Encodes with the given type (20, or 17 to answer a peer that speaks AMF3 commands). */
    public RtmpMessage encode(int typeId, int streamId) {
        Amf0Writer writer = new Amf0Writer();
        writer.write(name).write(transactionId).write(commandObject);
        for (Object argument : arguments) {
            writer.write(argument);
        }
        byte[] amf = writer.toByteArray();
        if (typeId == MessageTypes.COMMAND_AMF3) {
            byte[] withSelector = new byte[amf.length + 1];
            System.arraycopy(amf, 0, withSelector, 1, amf.length);
            amf = withSelector;
        }
        return new RtmpMessage(typeId, streamId, 0, amf);
    }

    /** The argument at {@code index} if it is a string, else null. */
    public String stringArgument(int index) {
        return index < arguments.size() && arguments.get(index) instanceof String s ? s : null;
    }

    public Double numberArgument(int index) {
        return index < arguments.size() && arguments.get(index) instanceof Number n ? n.doubleValue() : null;
    }

    public Boolean booleanArgument(int index) {
        return index < arguments.size() && arguments.get(index) instanceof Boolean b ? b : null;
    }

    /** The command object as a map (connect's properties), or an empty map. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> commandProperties() {
        return commandObject instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
