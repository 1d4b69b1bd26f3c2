package dev.inlet.core;

import dev.inlet.hub.MediaFrame;
import dev.inlet.hub.StreamHub;
import dev.inlet.hub.StreamHubs;
import dev.inlet.hub.Subscriber;

import java.io.IOException;

/** The default {@link PlayFunc}: the player joins the live stream's hub. */
final class HubPlayFunc implements PlayFunc {

    private final StreamHubs hubs;

    HubPlayFunc(StreamHubs hubs) {
        this.hubs = hubs;
    }

    @Override
    public AutoCloseable play(String streamName, PlayInfo info, Player player) throws StreamNotFoundException {
        StreamHub hub = hubs.live(streamName).orElseThrow(() -> new StreamNotFoundException(streamName));
        try {
            return hub.subscribe(new Subscriber() {
                @Override
                public boolean onFrame(MediaFrame frame) {
                    if (!player.isOpen()) {
                        return false;
                    }
                    try {
                        player.writeFrame(frame);
                        return true;
                    } catch (IOException e) {
                        player.end("write failed: " + e.getMessage());
                        return false;
                    }
                }

                @Override
                public boolean multitrack() {
                    return player.multitrack();
                }

                @Override
                public long backlogBytes() {
                    return player.backlogBytes();
                }

                @Override
                public void onEnd(String reason) {
                    player.end(reason);
                }
            });
        } catch (IllegalStateException ended) {
            throw new StreamNotFoundException(streamName);
        }
    }
}
