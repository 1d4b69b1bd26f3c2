package dev.inlet.rtmp.amf;

import dev.inlet.rtmp.RtmpProtocolException;
import dev.inlet.rtmp.RtmpProtocolException.Reason;

/** The three ways decoding fails, so every reader phrases them the same way. */
final class AmfErrors {

    private AmfErrors() {
    }

    static RtmpProtocolException malformed(String message) {
        return new RtmpProtocolException(Reason.MALFORMED, "AMF: " + message);
    }

    static RtmpProtocolException limitExceeded(String message) {
        return new RtmpProtocolException(Reason.LIMIT_EXCEEDED, "AMF: " + message);
    }

    static RtmpProtocolException unsupported(String message) {
        return new RtmpProtocolException(Reason.UNSUPPORTED, "AMF: " + message);
    }
}
