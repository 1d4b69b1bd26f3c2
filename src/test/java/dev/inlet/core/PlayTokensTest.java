package dev.inlet.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PlayTokensTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    private static PlayTokens at(Instant now) {
        return new PlayTokens(SECRET, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aFreshTokenIsValidForItsStreamUntilItExpires() {
        PlayTokens.Issued issued = at(NOW).issue("news", Duration.ofMinutes(10));

        assertThat(issued.expiresAt()).isEqualTo(NOW.plusSeconds(600));
        assertThat(at(NOW).verify("news", issued.token())).isEqualTo(PlayTokens.Verdict.VALID);
        assertThat(at(NOW.plusSeconds(599)).verify("news", issued.token())).isEqualTo(PlayTokens.Verdict.VALID);
        assertThat(at(NOW.plusSeconds(600)).verify("news", issued.token())).isEqualTo(PlayTokens.Verdict.EXPIRED);
    }

    @Test
    void aTokenOfAnotherStreamIsForgedEvenWhenExpired() {
        String token = at(NOW).issue("news", Duration.ofMinutes(1)).token();

        assertThat(at(NOW).verify("sport", token)).isEqualTo(PlayTokens.Verdict.FORGED);
        assertThat(at(NOW.plusSeconds(3600)).verify("sport", token)).isEqualTo(PlayTokens.Verdict.FORGED);
    }

    @Test
    void aTamperedExpiryOrSignatureOrAnotherSecretIsForged() {
        String token = at(NOW).issue("news", Duration.ofMinutes(1)).token();
        String signature = token.substring(token.indexOf('.') + 1);
        long expiry = Long.parseLong(token.substring(0, token.indexOf('.')));

        assertThat(at(NOW).verify("news", (expiry + 3600) + "." + signature)).isEqualTo(PlayTokens.Verdict.FORGED);
        char last = signature.charAt(signature.length() - 2);
        String flipped = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
        assertThat(at(NOW).verify("news", flipped)).isEqualTo(PlayTokens.Verdict.FORGED);
        PlayTokens otherNode = new PlayTokens("another-secret-of-32-bytes-long!".getBytes(StandardCharsets.US_ASCII),
                Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(otherNode.verify("news", token)).isEqualTo(PlayTokens.Verdict.FORGED);
    }

    @Test
    void garbageIsForgedAndNothingIsMissing() {
        PlayTokens tokens = at(NOW);

        assertThat(tokens.verify("news", null)).isEqualTo(PlayTokens.Verdict.MISSING);
        assertThat(tokens.verify("news", " ")).isEqualTo(PlayTokens.Verdict.MISSING);
        for (String garbage : new String[]{"abc", ".", "1.", ".abc", "x.abc", "99999999999999999999.abc", "1.%%%",
                "-5.AAAA"}) {
            assertThat(tokens.verify("news", garbage)).as(garbage).isEqualTo(PlayTokens.Verdict.FORGED);
        }
    }

    @Test
    void secretsAndLifetimesAreChecked() {
        assertThatThrownBy(() -> new PlayTokens(new byte[8], Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> at(NOW).issue("news", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThat(PlayTokenSecret.of("c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0")).hasSize(27);
        assertThat(PlayTokenSecret.of("a long enough plain-text secret")).hasSize(31);
        assertThatThrownBy(() -> PlayTokenSecret.of("short")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inlet.play.token-secret");
    }
}
