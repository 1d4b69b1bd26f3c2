package dev.inlet.rtmp.command;

import java.util.LinkedHashMap;
import java.util.Map;

/** The info objects of {@code onStatus} and {@code _result}/{@code _error} replies, and their well-known codes. */
public final class NetStatus {
    public static final String CONNECT_SUCCESS = "NetConnection.Connect.Success";
    public static final String CONNECT_REJECTED = "NetConnection.Connect.Rejected";
    public static final String CALL_FAILED = "NetConnection.Call.Failed";
    public static final String PUBLISH_START = "NetStream.Publish.Start";
    public static final String PUBLISH_BAD_NAME = "NetStream.Publish.BadName";
    public static final String UNPUBLISH_SUCCESS = "NetStream.Unpublish.Success";
    public static final String PLAY_RESET = "NetStream.Play.Reset";
    public static final String PLAY_START = "NetStream.Play.Start";
    public static final String PLAY_STOP = "NetStream.Play.Stop";
    public static final String PLAY_FAILED = "NetStream.Play.Failed";
    public static final String PLAY_STREAM_NOT_FOUND = "NetStream.Play.StreamNotFound";
    public static final String PLAY_UNPUBLISH_NOTIFY = "NetStream.Play.UnpublishNotify";
    public static final String PAUSE_NOTIFY = "NetStream.Pause.Notify";
    public static final String UNPAUSE_NOTIFY = "NetStream.Unpause.Notify";

    public static final String LEVEL_STATUS = "status";
    public static final String LEVEL_ERROR = "error";

    private NetStatus() {
    }

    public static Map<String, Object> info(String level, String code, String description) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("level", level);
        info.put("code", code);
        info.put("description", description);
        return info;
    }

    public static Map<String, Object> status(String code, String description) {
        return info(LEVEL_STATUS, code, description);
    }

    public static Map<String, Object> error(String code, String description) {
        return info(LEVEL_ERROR, code, description);
    }

    /** The code of an info object received from a peer, or null. */
    public static String codeOf(Object info) {
        return info instanceof Map<?, ?> map && map.get("code") instanceof String code ? code : null;
    }

    public static String descriptionOf(Object info) {
        return info instanceof Map<?, ?> map && map.get("description") instanceof String d ? d : null;
    }
}
