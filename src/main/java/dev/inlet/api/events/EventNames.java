package dev.inlet.api.events;

/** The {@code event:} names of the server-sent events. */
public final class EventNames {

    public static final String PUBLISH = "publish";
    public static final String UNPUBLISH = "unpublish";
    public static final String PLAY = "play";
    public static final String STOP = "stop";
    public static final String STATE = "state";
    public static final String FAILOVER = "failover";
    public static final String RECORDING_STARTED = "recording-started";
    public static final String RECORDING_FINISHED = "recording-finished";
    public static final String RECORDING_FAILED = "recording-failed";
    public static final String RECORDING_DELETED = "recording-deleted";
    public static final String RELAY = "relay";

    private EventNames() {
    }
}
