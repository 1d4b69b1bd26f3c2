package dev.inlet.media;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs a {@link TsMuxer} in tests: what it was fed, and the units its sink received. */
final class TsMuxing {

    final List<byte[]> units = new ArrayList<>();
    final TsMuxer muxer = new TsMuxer((buffer, offset, length) -> units.add(Arrays.copyOfRange(buffer, offset, offset + length)));

    /** Muxes the tracks (their last configuration each) and then all frames of a demuxed recording, in its order. */
    static TsMuxing of(TsRecording recording) {
        TsMuxing muxing = new TsMuxing();
        lastTrackPerPid(recording).values().forEach(muxing.muxer::onTrack);
        recording.frames.forEach(frame -> muxing.muxer.write(frame.packet()));
        muxing.muxer.flush();
        return muxing;
    }

    static Map<Integer, TsTrack> lastTrackPerPid(TsRecording recording) {
        Map<Integer, TsTrack> tracks = new LinkedHashMap<>();
        recording.tracks.forEach(track -> tracks.put(track.pid(), track));
        return tracks;
    }

    byte[] bytes() {
        return TsRecording.join(units);
    }

    List<byte[]> packets() {
        return TsRecording.packets(bytes());
    }
}
