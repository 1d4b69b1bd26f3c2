package dev.inlet.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The publisher's material: headers sent once (metadata, sequence headers), then frames replayed in a loop
 * whose timestamps continue across loops, as one long live stream would.
 */
record Workload(List<FlvTag> headers, List<FlvTag> frames, long loopMillis) {

    static Workload load(Path flv) throws IOException {
        List<FlvTag> headers = new ArrayList<>();
        List<FlvTag> frames = new ArrayList<>();
        for (FlvTag tag : FlvFile.read(flv)) {
            if (tag.isHeader()) {
                if (frames.isEmpty()) {
                    headers.add(tag.type() == FlvTag.SCRIPT ? asSetDataFrame(tag) : tag);
                }
            } else if (tag.isEndOfSequence()) {
                continue; // ffmpeg ends the file with one; mid-stream (on every loop) it would tell decoders to stop
            } else if (tag.type() == FlvTag.AUDIO || tag.type() == FlvTag.VIDEO) {
                frames.add(tag);
            }
        }
        if (frames.isEmpty() || !frames.stream().anyMatch(FlvTag::isKeyframe)) {
            throw new IOException(flv + " has no video keyframe");
        }
        long first = frames.get(0).timestamp();
        long last = frames.stream().mapToLong(FlvTag::timestamp).max().orElseThrow();
        List<FlvTag> rebased = frames.stream()
                .map(t -> new FlvTag(t.type(), t.timestamp() - first, t.body())).toList();
        return new Workload(List.copyOf(headers), rebased, last - first + videoFrameInterval(rebased));
    }

    /** Timestamp of {@code frame} in loop {@code loop}: strictly increasing per type across loops. */
    long timestampIn(int loop, FlvTag frame) {
        return loop * loopMillis + frame.timestamp();
    }

    private static long videoFrameInterval(List<FlvTag> frames) {
        long previous = -1;
        long smallest = Long.MAX_VALUE;
        for (FlvTag tag : frames) {
            if (tag.type() == FlvTag.VIDEO) {
                if (previous >= 0 && tag.timestamp() > previous) {
                    smallest = Math.min(smallest, tag.timestamp() - previous);
                }
                previous = tag.timestamp();
            }
        }
        return smallest == Long.MAX_VALUE ? 40 : smallest;
    }

    /** Encoders send metadata as {@code @setDataFrame("onMetaData", ...)}; FLV files store only the latter part. */
    private static FlvTag asSetDataFrame(FlvTag script) {
        byte[] name = "@setDataFrame".getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[3 + name.length + script.body().length];
        body[0] = 0x02; // AMF0 string marker
        body[1] = 0;
        body[2] = (byte) name.length;
        System.arraycopy(name, 0, body, 3, name.length);
        System.arraycopy(script.body(), 0, body, 3 + name.length, script.body().length);
        return new FlvTag(script.type(), 0, body);
    }
}
