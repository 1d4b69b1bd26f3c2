package dev.inlet.deploy;

/** The Inlet configuration the operator scripts put on a server, and the URLs that follow from it. */
record InletSettings(String rtmpHost, int rtmpPort, String demoKey) {

    /** The SRT port the servers' Inlet binds: the default, as an operator who configured none gets. */
    static final int SRT_PORT = 8890;

    /** Where an SRT encoder publishes the demo stream (MPEG-TS), by its secret key in the stream id. */
    String srtPublishUrl() {
        return "srt://" + rtmpHost + ":" + SRT_PORT + "?streamid=publish:" + demoKey + "&latency=120000";
    }

    /** Where an encoder publishes the demo stream: by its secret key. */
    String publishUrl() {
        return "rtmp://" + rtmpHost + ":" + rtmpPort + "/live/" + demoKey;
    }

    /** Where a player watches the demo stream: by its name, never by its key. */
    String playUrl() {
        return "rtmp://" + rtmpHost + ":" + rtmpPort + "/live/demo";
    }
}
