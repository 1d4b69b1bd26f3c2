package dev.inlet.api.webhook;

import dev.inlet.events.RecordingFinished;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The on_record_done body: the documented members, in the documented order. */
class RecordDonePayloadTest {

    @Test
    void theBodyNamesTheFileAndWhatItHolds() {
        RecordingFinished event = new RecordingFinished("3f2a", "news", "Recovered", "/data/recordings/news/a.mp4",
                10_087, 165_229, "avc1,mp4a", 640, 360, Instant.parse("2026-12-03T14:04:00Z"),
                Instant.parse("2026-12-03T14:04:10Z"));

        assertThat(WebhookPayloads.onRecordDone(event)).isEqualTo("{\"event\":\"on_record_done\",\"stream\":\"news\","
                + "\"recordingId\":\"3f2a\",\"state\":\"Recovered\",\"path\":\"/data/recordings/news/a.mp4\","
                + "\"durationMs\":10087,\"bytes\":165229,\"codecs\":\"avc1,mp4a\",\"width\":640,\"height\":360,"
                + "\"startedAt\":\"2026-12-03T14:04:00Z\",\"at\":\"2026-12-03T14:04:10Z\"}");
    }
}
