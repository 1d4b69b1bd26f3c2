package dev.inlet.core;

import dev.inlet.hub.MediaFrame;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A reader of any protocol, as the core sees it. */
final class FakePlayer implements Player {
    final PlayInfo info;
    final List<MediaFrame> frames = new CopyOnWriteArrayList<>();
    volatile String disconnectedFor;
    volatile String endedFor;

    FakePlayer(String stream) {
        info = new PlayInfo("10.0.0.9:4000", "live", "test", stream);
    }

    @Override
    public PlayInfo info() {
        return info;
    }

    @Override
    public boolean isOpen() {
        return disconnectedFor == null && endedFor == null;
    }

    @Override
    public void writeTag(int tagType, long timestamp, byte[] body) {
    }

    @Override
    public void writeFrame(MediaFrame frame) {
        frames.add(frame);
    }

    @Override
    public void end(String reason) {
        endedFor = reason;
    }

    @Override
    public void disconnect(String reason) {
        disconnectedFor = reason;
    }
}
