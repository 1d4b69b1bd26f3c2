package dev.inlet.rtmp.session;

/** The chunk stream ids Inlet uses for what it sends (any id is legal; these keep kinds apart). */
public final class ChunkStreams {
    public static final int PROTOCOL_CONTROL = 2;
    public static final int COMMAND = 3;
    public static final int STREAM_COMMAND = 5;
    public static final int AUDIO = 6;
    public static final int VIDEO = 7;
    public static final int DATA = 8;

    private ChunkStreams() {
    }
}
