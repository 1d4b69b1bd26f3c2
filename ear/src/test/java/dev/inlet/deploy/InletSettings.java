package dev.inlet.deploy;

/** The Inlet configuration the operator scripts put on a server, and the URLs that follow from it. */
record InletSettings(String rtmpHost, int rtmpPort, String demoKey) {

    /** Where an encoder publishes the demo stream: by its secret key. */
    String publishUrl() {
        return "rtmp://" + rtmpHost + ":" + rtmpPort + "/live/" + demoKey;
    }

    /** Where a player watches the demo stream: by its name, never by its key. */
    String playUrl() {
        return "rtmp://" + rtmpHost + ":" + rtmpPort + "/live/demo";
    }
}
