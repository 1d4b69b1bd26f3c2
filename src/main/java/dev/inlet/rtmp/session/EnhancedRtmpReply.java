package dev.inlet.rtmp.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's half of the Enhanced RTMP negotiation in the {@code connect} reply: which FourCCs Inlet forwards
 * ({@code fourCcList}, {@code videoFourCcInfoMap}, {@code audioFourCcInfoMap}) and which extended capabilities it
 * shares with the client ({@code capsEx}). Inlet forwards media without decoding it, so each codec is CanForward.
 */
final class EnhancedRtmpReply {

    static final List<String> VIDEO = List.of("avc1", "hvc1", "av01", "vp09");
    static final List<String> AUDIO = List.of("mp4a", "Opus", ".mp3", "ac-3", "ec-3", "fLaC");
    private static final double CAN_FORWARD = 4;
    /** Multitrack is routed, ModEx and nanosecond offsets are read; reconnect requests are not sent. */
    private static final int SERVER_CAPS = ConnectRequest.CAPS_EX_MULTITRACK | ConnectRequest.CAPS_EX_MOD_EX
            | ConnectRequest.CAPS_EX_TIMESTAMP_NANO_OFFSET;

    private EnhancedRtmpReply() {
    }

    static void addTo(Map<String, Object> properties, ConnectRequest request) {
        List<Object> fourCcs = new ArrayList<>(VIDEO);
        fourCcs.addAll(AUDIO);
        properties.put("fourCcList", fourCcs);
        properties.put("videoFourCcInfoMap", infoMap(VIDEO));
        properties.put("audioFourCcInfoMap", infoMap(AUDIO));
        properties.put("capsEx", (double) (request.capsEx() & SERVER_CAPS));
    }

    private static Map<String, Object> infoMap(List<String> fourCcs) {
        Map<String, Object> map = new LinkedHashMap<>();
        fourCcs.forEach(fourCc -> map.put(fourCc, CAN_FORWARD));
        return map;
    }
}
