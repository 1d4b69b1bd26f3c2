package dev.inlet.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EdgeTokensTest {

    private static final byte[] SECRET = "cluster-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private final MutableClock clock = new MutableClock();
    private final EdgeTokens tokens = new EdgeTokens(SECRET, clock);

    @Test
    void aProofHoldsForItsStreamForAMinute() {
        String proof = tokens.sign("news", "node-b.example.org");

        assertThat(tokens.verify("news", proof)).isEqualTo(EdgeTokens.Verdict.VALID);
        assertThat(EdgeTokens.nodeOf(proof)).isEqualTo("node-b.example.org");
        assertThat(tokens.verify("sports", proof)).isEqualTo(EdgeTokens.Verdict.FORGED);
        clock.advance(Duration.ofSeconds(61));
        assertThat(tokens.verify("news", proof)).isEqualTo(EdgeTokens.Verdict.EXPIRED);
    }

    @Test
    void aProofOfAnotherSecretOrNodeOrAMalformedOneIsForged() {
        EdgeTokens other = new EdgeTokens("another-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8), clock);
        String proof = tokens.sign("news", "node-b");
        String[] parts = proof.split("\\.");

        assertThat(tokens.verify("news", other.sign("news", "node-b"))).isEqualTo(EdgeTokens.Verdict.FORGED);
        assertThat(tokens.verify("news", "node-c." + parts[1] + "." + parts[2])).isEqualTo(EdgeTokens.Verdict.FORGED);
        assertThat(tokens.verify("news", parts[0] + "." + (Long.parseLong(parts[1]) + 600) + "." + parts[2]))
                .isEqualTo(EdgeTokens.Verdict.FORGED);
        for (String malformed : new String[]{null, "", ".", "node-b", "node-b.x.y", "node-b.123.!!!", ".1.abc"}) {
            assertThat(tokens.verify("news", malformed)).as(String.valueOf(malformed)).isEqualTo(EdgeTokens.Verdict.FORGED);
        }
        assertThat(EdgeTokens.nodeOf("garbage")).isEqualTo("?");
    }

    @Test
    void aProofTooFarInTheFutureIsNotBelieved() {
        MutableClock ahead = new MutableClock();
        ahead.advance(Duration.ofHours(1));
        String proof = new EdgeTokens(SECRET, ahead).sign("news", "node-b");

        assertThat(tokens.verify("news", proof)).isEqualTo(EdgeTokens.Verdict.EXPIRED);
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> new EdgeTokens(new byte[8], clock)).isInstanceOf(IllegalArgumentException.class);
    }
}
