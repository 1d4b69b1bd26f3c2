package dev.inlet.api.recordings;

import dev.inlet.api.InletApi;
import dev.inlet.recording.RecordingInfo;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Instant;

/**
 * A recording as the API shows it. {@code file} is where to download it ({@code GET}, with Range requests).
 *
 * @param state {@code Recording}, {@code Finished}, {@code Failed} or {@code Recovered}
 */
@JsonbPropertyOrder({"id", "stream", "state", "startedAt", "endedAt", "durationMs", "bytes", "codecs", "width", "height",
        "node", "reason", "file"})
public record RecordingView(String id, String stream, String state, Instant startedAt, Instant endedAt, long durationMs,
                            long bytes, String codecs, int width, int height, String node, String reason, String file) {

    static RecordingView of(RecordingInfo recording) {
        return new RecordingView(recording.id(), recording.stream(), recording.state().label(),
                recording.started(), recording.ended(), recording.durationMs(), recording.bytes(), recording.codecs(),
                recording.width(), recording.height(), recording.node(), recording.reason(),
                "/" + InletApi.PATH + "/recordings/" + recording.id() + "/file");
    }
}
