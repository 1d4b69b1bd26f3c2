package dev.inlet.rtmp.session;

import dev.inlet.text.LogText;
import java.util.List;
import java.util.Map;

/** What a client said in {@code connect}, including what it announced of Enhanced RTMP. */
public record ConnectRequest(String app, String tcUrl, String flashVer, double objectEncoding,
                             Map<String, Object> properties, String remoteAddress) {

    /**
     * The peer's own words (app, tcUrl, flashVer) are escaped here, where they enter, so that no log line, event,
     * webhook or API answer downstream can carry a forged line break or an unbounded string.
     */
    public ConnectRequest {
        app = LogText.of(app);
        tcUrl = LogText.of(tcUrl);
        flashVer = LogText.of(flashVer);
    }

    /** Enhanced RTMP {@code capsEx} bits. */
    public static final int CAPS_EX_RECONNECT = 0x01;
    public static final int CAPS_EX_MULTITRACK = 0x02;
    public static final int CAPS_EX_MOD_EX = 0x04;
    public static final int CAPS_EX_TIMESTAMP_NANO_OFFSET = 0x08;

    /** The Enhanced RTMP {@code fourCcList} the client sent (empty for a legacy client); may contain {@code "*"}. */
    public List<String> fourCcList() {
        if (properties != null && properties.get("fourCcList") instanceof List<?> list) {
            return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return List.of();
    }

    /** The client's {@code capsEx} bit mask, 0 when absent. */
    public int capsEx() {
        return properties != null && properties.get("capsEx") instanceof Number number ? number.intValue() : 0;
    }

    /** The client announced Enhanced RTMP (a FourCC list, FourCC info maps or capsEx). */
    public boolean isEnhanced() {
        return properties != null && (properties.containsKey("fourCcList") || properties.containsKey("videoFourCcInfoMap")
                || properties.containsKey("audioFourCcInfoMap") || properties.containsKey("capsEx"));
    }

    /** The client can receive Enhanced RTMP v2 multitrack messages. */
    public boolean supportsMultitrack() {
        return (capsEx() & CAPS_EX_MULTITRACK) != 0;
    }
}
