package dev.inlet.rtmp.chunk;

import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.RtmpProtocolException;

/**
 * User Control messages (type 4, RTMP 1.0 sections 6.2 and 7.1.7): a 2-byte event type followed by event data.
 */
public final class UserControl {

    public static final int STREAM_BEGIN = 0;
    public static final int STREAM_EOF = 1;
    public static final int STREAM_DRY = 2;
    public static final int SET_BUFFER_LENGTH = 3;
    public static final int STREAM_IS_RECORDED = 4;
    public static final int PING_REQUEST = 6;
    public static final int PING_RESPONSE = 7;

    private static final int EVENT_TYPE_LENGTH = 2;
    private static final int FIELD_LENGTH = 4;

    private UserControl() {
    }

    public static RtmpMessage streamBegin(int streamId) {
        return event(STREAM_BEGIN, streamId);
    }

    public static RtmpMessage streamEof(int streamId) {
        return event(STREAM_EOF, streamId);
    }

    public static RtmpMessage streamDry(int streamId) {
        return event(STREAM_DRY, streamId);
    }

    public static RtmpMessage streamIsRecorded(int streamId) {
        return event(STREAM_IS_RECORDED, streamId);
    }

    public static RtmpMessage setBufferLength(int streamId, int millis) {
        return event(SET_BUFFER_LENGTH, streamId, millis);
    }

    public static RtmpMessage pingRequest(long time) {
        return event(PING_REQUEST, (int) ProtocolControl.requireUnsigned32(time));
    }

    public static RtmpMessage pingResponse(long time) {
        return event(PING_RESPONSE, (int) ProtocolControl.requireUnsigned32(time));
    }

    /**
     * Parses a User Control message. The known events must carry their data (Set Buffer Length two fields, the
     * others one); events this class does not know keep whatever fields are present, so that a newer peer's
     * event can be ignored instead of killing the connection.
     */
    public static UserControlEvent parse(RtmpMessage m) {
        if (m.typeId() != MessageTypes.USER_CONTROL) {
            throw new IllegalArgumentException("not a user control message: " + m);
        }
        byte[] p = m.payload();
        if (p.length < EVENT_TYPE_LENGTH) {
            throw malformed("user control message without event type");
        }
        int eventType = ((p[0] & 0xFF) << 8) | (p[1] & 0xFF);
        int fields = (p.length - EVENT_TYPE_LENGTH) / FIELD_LENGTH;
        int required = requiredFields(eventType);
        if (fields < required) {
            throw malformed("user control event " + eventType + " needs " + required + " fields, has " + fields);
        }
        long value1 = fields >= 1 ? readUnsigned32(p, EVENT_TYPE_LENGTH) : 0;
        long value2 = fields >= 2 ? readUnsigned32(p, EVENT_TYPE_LENGTH + FIELD_LENGTH) : 0;
        return new UserControlEvent(eventType, value1, value2);
    }

    private static int requiredFields(int eventType) {
        return switch (eventType) {
            case STREAM_BEGIN, STREAM_EOF, STREAM_DRY, STREAM_IS_RECORDED, PING_REQUEST, PING_RESPONSE -> 1;
            case SET_BUFFER_LENGTH -> 2;
            default -> 0;
        };
    }

    private static RtmpMessage event(int eventType, int... fields) {
        byte[] payload = new byte[EVENT_TYPE_LENGTH + FIELD_LENGTH * fields.length];
        payload[0] = (byte) (eventType >>> 8);
        payload[1] = (byte) eventType;
        for (int i = 0; i < fields.length; i++) {
            ProtocolControl.writeInt32(payload, EVENT_TYPE_LENGTH + FIELD_LENGTH * i, fields[i]);
        }
        return new RtmpMessage(MessageTypes.USER_CONTROL, 0, 0, payload);
    }

    private static long readUnsigned32(byte[] p, int offset) {
        return (((p[offset] & 0xFF) << 24) | ((p[offset + 1] & 0xFF) << 16) | ((p[offset + 2] & 0xFF) << 8)
                | (p[offset + 3] & 0xFF)) & 0xFFFF_FFFFL;
    }

    private static RtmpProtocolException malformed(String message) {
        return new RtmpProtocolException(RtmpProtocolException.Reason.MALFORMED, message);
    }
}
