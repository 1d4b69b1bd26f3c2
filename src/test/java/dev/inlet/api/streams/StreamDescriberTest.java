package dev.inlet.api.streams;

import dev.inlet.core.KeyRecord;
import dev.inlet.core.PlayerView;
import dev.inlet.core.PublisherView;
import dev.inlet.core.StreamRecord;
import dev.inlet.media.TrackInfo;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class StreamDescriberTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private final StreamRecord news = new StreamRecord("news", "Evening news", true, T0);

    @Test
    void aStreamWithoutPublisherIsIdleAndADisabledOneDisabled() {
        assertThat(StreamDescriber.state(news, false, Optional.empty())).isEqualTo("Idle");
        assertThat(StreamDescriber.state(news, true, Optional.empty())).isEqualTo("Active");
        assertThat(StreamDescriber.state(new StreamRecord("news", "n", false, T0), true, Optional.of("Active")))
                .isEqualTo("Disabled");
        assertThat(StreamDescriber.state(news, true, Optional.of("Degraded"))).isEqualTo("Degraded");
    }

    @Test
    void theDetailCombinesKeysPublishersPlayersAndTracks() {
        List<KeyRecord> keys = List.of(
                new KeyRecord(1, "news", 1, "AbCdEf", true, T0, null, null),
                new KeyRecord(2, "news", 2, "ZyXwVu", true, T0, null, null),
                new KeyRecord(3, "news", 3, "Revokd", false, T0, null, null));
        List<PublisherView> publishers = List.of(
                new PublisherView("p1", "news", 1, "AbCdEf", "10.0.0.1:5000", "live", "FMLE/3.0", T0.plusSeconds(5), 1000, 10, "rtmp"),
                new PublisherView("p2", "other", 1, "QqQqQq", "10.0.0.2:5000", "live", "FMLE/3.0", T0, 5, 1, "rtmp"));
        List<PlayerView> players = List.of(
                new PlayerView("v1", "news", "10.0.0.3:6000", "live", "LNX", T0.plusSeconds(7), 500, 0, "rtmp"),
                new PlayerView("v2", "news", "10.0.0.4:6000", "live", "LNX", T0.plusSeconds(8), 500, 0, "rtmp"),
                new PlayerView("v3", "other", "10.0.0.5:6000", "live", "LNX", T0.plusSeconds(8), 500, 0, "rtmp"));
        List<TrackInfo> tracks = List.of(new TrackInfo(0, TrackInfo.Type.VIDEO, "h264", "High", 1280, 720, 25, 8, 0, 0, 2500));
        List<FailoverSummary> failovers = List.of(new FailoverSummary(1, 2, "timeout", T0.plusSeconds(3)));

        StreamDetail detail = StreamDescriber.detail(news, keys, publishers, players, tracks, Optional.empty(), 1,
                failovers, T0.plusSeconds(65));

        assertThat(detail.state()).isEqualTo("Active");
        assertThat(detail.live()).isTrue();
        assertThat(detail.startedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(detail.uptimeSeconds()).isEqualTo(60);
        assertThat(detail.bytesIn()).isEqualTo(1000);
        assertThat(detail.messagesIn()).isEqualTo(10);
        assertThat(detail.players()).isEqualTo(2);
        assertThat(detail.activePriority()).isEqualTo(1);
        assertThat(detail.inputs()).containsExactly(
                new InputStatus(1, true, true, 1, "p1", "AbCdEf", "10.0.0.1:5000", T0.plusSeconds(5), 1000, 10, null),
                new InputStatus(2, false, false, 1, null, null, null, null, 0, 0, null));
        assertThat(detail.tracks()).singleElement().satisfies(track -> {
            assertThat(track.type()).isEqualTo("video");
            assertThat(track.width()).isEqualTo(1280);
            assertThat(track.bitrateKbps()).isEqualTo(2500);
        });
        assertThat(detail.recentFailovers()).isEqualTo(failovers);
    }

    @Test
    void aPublisherOfAnotherNodeIsAnInputWithItsNode() {
        List<PublisherView> publishers = List.of(new PublisherView("9/news", "news", 2, "ZyXwVu", "10.0.0.8:1", null,
                null, T0, 500, 0, "srt"));
        StreamDetail detail = StreamDescriber.detail(news, List.of(), publishers, List.of(), List.of(), Optional.empty(),
                2, List.of(), T0.plusSeconds(10), java.util.Map.of("9/news", "node-b"));
        assertThat(detail.live()).isTrue();
        assertThat(detail.inputs()).singleElement().satisfies(input -> {
            assertThat(input.node()).isEqualTo("node-b");
            assertThat(input.active()).isTrue();
            assertThat(input.keyPrefix()).isEqualTo("ZyXwVu");
        });
    }

    @Test
    void anIdleStreamHasNoUptime() {
        StreamDetail detail = StreamDescriber.detail(news, List.of(), List.of(), List.of(), List.of(), Optional.empty(),
                1, List.of(), T0);
        assertThat(detail.live()).isFalse();
        assertThat(detail.uptimeSeconds()).isZero();
        assertThat(detail.startedAt()).isNull();
        assertThat(detail.inputs()).isEmpty();
        assertThat(detail.activePriority()).as("no input feeds an idle stream").isZero();
    }

    @Test
    void responsesSerialiseWithTheirComponentNames() throws Exception {
        try (Jsonb json = JsonbBuilder.create()) {
            String summary = json.toJson(StreamDescriber.summary(news, StreamDescriber.LiveFigures.NOT_LIVE,
                    Optional.empty()));
            assertThat(summary).contains("\"code\":\"news\"", "\"name\":\"Evening news\"", "\"state\":\"Idle\"",
                    "\"created\":\"2026-01-01T10:00:00Z\"", "\"players\":0", "\"bitrateKbps\":0");
            String live = json.toJson(StreamDescriber.summary(news, new StreamDescriber.LiveFigures(true, 2, 3, 2600),
                    Optional.of("Degraded")));
            assertThat(live).contains("\"live\":true", "\"activePriority\":2", "\"players\":3",
                    "\"bitrateKbps\":2600", "\"state\":\"Degraded\"");
            String issued = json.toJson(IssuedKey.of(new dev.inlet.core.CreatedKey(
                    new KeyRecord(7, "news", 1, "SeCrEt", true, T0, null, null), "SeCrEtKeyValue")));
            assertThat(issued).contains("\"key\":\"SeCrEtKeyValue\"", "\"prefix\":\"SeCrEt\"", "\"id\":7");
        }
    }
}
