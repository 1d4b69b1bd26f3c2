package dev.inlet.api.sessions;

import dev.inlet.api.JsonMapping;
import dev.inlet.core.PlayerView;
import dev.inlet.core.PublisherView;
import dev.inlet.core.TransportStats;
import jakarta.json.bind.Jsonb;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SessionJsonTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final TransportStats LINK = new TransportStats(12.5, 1_000, 7, 5, 2, 1_316_000, 118, 65_800, 4.25,
            900.0, 120);

    private final Jsonb json = JsonMapping.create();

    @Test
    void anSrtPublisherCarriesItsLinkStatisticsInAnSrtObject() {
        PublisherView view = new PublisherView("srt-1/demo", "demo", 1, "AbCdEf", "10.0.0.1:5000", "", "ffmpeg", T0,
                2_000, 20, "srt", () -> Optional.of(LINK));

        String text = json.toJson(PublisherSession.of(view, T0.plusSeconds(3)));

        assertThat(text).contains("\"protocol\":\"srt\"", "\"durationSeconds\":3", "\"srt\":{")
                .contains("\"rttMs\":12.5", "\"packetsReceived\":1000", "\"packetsLost\":7",
                        "\"packetsRetransmitted\":5", "\"packetsDropped\":2", "\"bytesReceived\":1316000",
                        "\"receiveBufferMs\":118", "\"receiveBufferBytes\":65800", "\"receiveRateMbps\":4.25",
                        "\"bandwidthMbps\":900.0", "\"latencyMs\":120");
    }

    @Test
    void theStatisticsAreReadWhenTheListIsMadeNotWhenTheViewWas() {
        TransportStats[] now = {LINK};
        PublisherView view = new PublisherView("srt-1/demo", "demo", 1, "AbCdEf", "10.0.0.1:5000", "", "ffmpeg", T0,
                2_000, 20, "srt", () -> Optional.of(now[0]));
        now[0] = new TransportStats(30, 2_000, 9, 6, 3, 2_632_000, 100, 50_000, 4, 800, 120);

        assertThat(PublisherSession.of(view, T0).srt().rttMs()).isEqualTo(30);
    }

    @Test
    void otherProtocolsHaveNoSrtObject() {
        PublisherView rtmp = new PublisherView("c1/demo", "demo", 1, "AbCdEf", "10.0.0.1:5000", "live", "FMLE/3.0",
                T0, 2_000, 20, "rtmp");
        PlayerView flv = new PlayerView("v1", "demo", "10.0.0.3:6000", "live", "curl", T0, 500, 0, "http-flv");

        String text = json.toJson(new SessionList(List.of(PublisherSession.of(rtmp, T0)),
                List.of(PlayerSession.of(flv, T0))));

        assertThat(text).contains("\"protocol\":\"rtmp\"", "\"protocol\":\"http-flv\"").doesNotContain("srt");
    }

    @Test
    void anSrtSessionWhoseLinkIsGoneHasNoSrtObject() {
        PublisherView closing = new PublisherView("srt-1/demo", "demo", 1, "AbCdEf", "10.0.0.1:5000", "", "ffmpeg",
                T0, 2_000, 20, "srt", Optional::empty);

        assertThat(PublisherSession.of(closing, T0).srt()).isNull();
        assertThat(json.toJson(PublisherSession.of(closing, T0))).doesNotContain("\"srt\":");
    }

    @Test
    void anSrtReaderCarriesItsLinkStatisticsToo() {
        PlayerView reader = new PlayerView("srt-2/demo", "demo", "10.0.0.3:6000", "", "", T0, 500, 0, "srt",
                () -> Optional.of(LINK));

        assertThat(json.toJson(PlayerSession.of(reader, T0))).contains("\"srt\":{", "\"rttMs\":12.5");
    }
}
