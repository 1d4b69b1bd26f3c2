package dev.inlet.media;

/** The codec of an {@link AVPacket}, or {@link #DATA} for a script-data (AMF0) message. */
public enum FrameKind {
    H264(Track.VIDEO),
    H265(Track.VIDEO),
    AV1(Track.VIDEO),
    VP9(Track.VIDEO),
    AAC(Track.AUDIO),
    OPUS(Track.AUDIO),
    MP3(Track.AUDIO),
    DATA(Track.DATA);

    private enum Track { VIDEO, AUDIO, DATA }

    private final Track track;

    FrameKind(Track track) {
        this.track = track;
    }

    public boolean isVideo() {
        return track == Track.VIDEO;
    }

    public boolean isAudio() {
        return track == Track.AUDIO;
    }
}
