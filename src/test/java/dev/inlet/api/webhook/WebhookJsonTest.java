package dev.inlet.api.webhook;

import dev.inlet.core.PlayAttempt;
import dev.inlet.events.PlayerDisconnected;
import dev.inlet.events.PublisherDisconnected;
import dev.inlet.core.PublishAttempt;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookJsonTest {

    private static final Instant AT = Instant.parse("2025-03-01T12:00:00.250Z");

    @Test
    void thePayloadsHaveTheDocumentedFieldsInTheDocumentedOrder() {
        assertThat(WebhookPayloads.onPublish(new PublishAttempt("demo", 1, "Xq3abc", "203.0.113.7:50412", "live",
                "rtmp://h/live", "FMLE/3.0"), AT)).isEqualTo("{\"event\":\"on_publish\",\"stream\":\"demo\","
                + "\"priority\":1,\"keyPrefix\":\"Xq3abc\",\"remoteAddress\":\"203.0.113.7:50412\",\"app\":\"live\","
                + "\"tcUrl\":\"rtmp://h/live\",\"flashVer\":\"FMLE/3.0\",\"at\":\"2025-03-01T12:00:00.250Z\"}");
        assertThat(WebhookPayloads.onUnpublish(new PublisherDisconnected("demo", 2, "s1", "10.0.0.1:1", "unpublish",
                null, 12_000_000_000L, 7, AT))).isEqualTo("{\"event\":\"on_unpublish\",\"stream\":\"demo\","
                + "\"priority\":2,\"sessionId\":\"s1\",\"remoteAddress\":\"10.0.0.1:1\",\"reason\":\"unpublish\","
                + "\"error\":null,\"bytesIn\":12000000000,\"messagesIn\":7,\"at\":\"2025-03-01T12:00:00.250Z\"}");
        assertThat(WebhookPayloads.onPlay(new PlayAttempt("rtmp", "demo", "p1", "10.0.0.2:2", "live", null, false), AT))
                .isEqualTo("{\"event\":\"on_play\",\"stream\":\"demo\",\"sessionId\":\"p1\","
                        + "\"remoteAddress\":\"10.0.0.2:2\",\"app\":\"live\",\"flashVer\":null,"
                        + "\"protocol\":\"rtmp\",\"tokenPresented\":false,\"at\":\"2025-03-01T12:00:00.250Z\"}");
        assertThat(WebhookPayloads.onStop(new PlayerDisconnected("demo", "p1", "10.0.0.2:2", "slow_peer", 4096, 3, AT,
                "rtmp")))
                .isEqualTo("{\"event\":\"on_stop\",\"stream\":\"demo\",\"sessionId\":\"p1\","
                        + "\"remoteAddress\":\"10.0.0.2:2\",\"reason\":\"slow_peer\",\"bytesSent\":4096,"
                        + "\"framesSkipped\":3,\"at\":\"2025-03-01T12:00:00.250Z\"}");
    }

    @Test
    void stringsAreEscaped() {
        String json = WebhookPayloads.onPlay(new PlayAttempt("rtmp", "a\"b\\c\nd\u0001", "p", null, "live", "f", false), AT);
        assertThat(WebhookJson.stringField(json, "stream")).contains("a\"b\\c\nd\u0001");
        assertThat(json).contains("\"remoteAddress\":null");
    }

    @JsonbPropertyOrder({"name", "ratio", "fps", "bitrate"})
    record Decimals(String name, Double ratio, Double fps, Double bitrate) {
    }

    @Test
    void aNonFiniteNumberIsWrittenAsNullSoThePayloadStaysValidJson() {
        assertThat(WebhookJson.write(new Decimals("x", Double.NaN, Double.POSITIVE_INFINITY, 2.5)))
                .isEqualTo("{\"name\":\"x\",\"ratio\":null,\"fps\":null,\"bitrate\":2.5}");
        assertThat(WebhookJson.write(new Decimals("x", Double.NEGATIVE_INFINITY, null, 0.0)))
                .isEqualTo("{\"name\":\"x\",\"ratio\":null,\"fps\":null,\"bitrate\":0.0}");
    }

    @Test
    void readsATopLevelStringFieldPastOtherValues() {
        String json = "{ \"code\": 403, \"detail\": {\"reason\": \"nested, not this\"}, \"list\": [1, \"x\", {}],"
                + " \"reason\" : \"key \\\"suspended\\\" \\u00e9\" }";
        assertThat(WebhookJson.stringField(json, "reason")).contains("key \"suspended\" é");
        assertThat(WebhookJson.stringField("{}", "reason")).isEmpty();
        assertThat(WebhookJson.stringField("{\"reason\": 5}", "reason")).isEmpty();
        assertThat(WebhookJson.stringField("{\"reason\": [\"a\"]}", "reason")).isEmpty();
    }

    @Test
    void malformedTextGivesNothing() {
        assertThat(WebhookJson.stringField("{\"reason\": \"unterminated", "reason")).isEmpty();
        assertThat(WebhookJson.stringField("{\"reason\": \"cut off\",", "reason")).isEmpty();
        assertThat(WebhookJson.stringField("not json", "reason")).isEmpty();
        assertThat(WebhookJson.stringField("[".repeat(10_000), "reason")).isEmpty();
        assertThat(WebhookJson.stringField("{\"a\":" + "[".repeat(10_000), "reason")).isEmpty();
        assertThat(WebhookJson.stringField("{\"reason\":\"\\u12\"}", "reason")).isEmpty();
        assertThat(WebhookJson.stringField("{\"reason\":\"x\"} trailing", "reason")).isEmpty();
    }
}
