package dev.inlet.recording;

import dev.inlet.core.Publication;
import dev.inlet.core.PublishRequest;
import dev.inlet.core.StreamCore;
import dev.inlet.hub.MediaFrame;
import dev.inlet.media.Vectors;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Publishes a committed FLV vector into a stream core, pass after pass on one timeline, as an encoder would. */
final class VectorPublisher {

    private final List<Object[]> tags = new ArrayList<>();
    private final long passMs;
    private long passes;

    VectorPublisher(String vector) {
        ByteBuffer flv = ByteBuffer.wrap(Vectors.resource(vector));
        flv.position(13); // FLV header and the first PreviousTagSize
        long end = 0;
        while (flv.remaining() >= 11) {
            int type = flv.get() & 0x1F;
            int size = (flv.get() & 0xFF) << 16 | (flv.get() & 0xFF) << 8 | flv.get() & 0xFF;
            long timestamp = (flv.get() & 0xFF) << 16 | (flv.get() & 0xFF) << 8 | flv.get() & 0xFF | (flv.get() & 0xFFL) << 24;
            flv.position(flv.position() + 3);
            byte[] body = new byte[size];
            flv.get(body);
            flv.position(flv.position() + 4);
            tags.add(new Object[]{type, timestamp, body});
            end = Math.max(end, timestamp);
        }
        passMs = end + 40;
    }

    long passMs() {
        return passMs;
    }

    static Publication admit(StreamCore core, String key) throws Exception {
        Publication publication = core.admitPublisher(new PublishRequest("test", key, "publisher", "127.0.0.1:1", "", "",
                "test"), reason -> { }).toCompletableFuture().get(5, TimeUnit.SECONDS);
        core.confirmed(publication);
        return publication;
    }

    /** Sends {@code count} more passes; a new input (a reconnect) gets the sequence headers again. */
    void publish(Publication publication, int count, boolean headers) {
        publish(frame -> publication.onFrame(frame.kind().tagType, frame.size(), frame), count, headers);
    }

    /** As {@link #publish(Publication, int, boolean)}, into any input (an edge pull's). */
    void publish(java.util.function.Consumer<MediaFrame> input, int count, boolean headers) {
        for (int n = 0; n < count; n++) {
            long pass = passes++;
            for (Object[] tag : tags) {
                int type = (int) tag[0];
                byte[] body = (byte[]) tag[2];
                MediaFrame frame = MediaFrame.parse(type, body, (long) tag[1] + pass * passMs);
                if ((headers && n == 0) || !frame.config() && frame.kind() != MediaFrame.Kind.METADATA) {
                    input.accept(frame);
                }
            }
        }
    }
}
