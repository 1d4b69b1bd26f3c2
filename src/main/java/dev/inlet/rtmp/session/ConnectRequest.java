package dev.inlet.rtmp.session;

import java.util.Map;

/** What a client said in {@code connect}. */
public record ConnectRequest(String app, String tcUrl, String flashVer, double objectEncoding,
                             Map<String, Object> properties, String remoteAddress) {
}
