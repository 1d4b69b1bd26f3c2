package dev.inlet.srt;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SrtListenerSettingsTest {

    private static final InetSocketAddress ANY = new InetSocketAddress(SrtListenerSettings.DEFAULT_PORT);

    @Test
    void defaultsAreLiveModeDefaults() {
        SrtListenerSettings settings = SrtListenerSettings.defaults(ANY);
        assertThat(settings.latencyMillis()).isEqualTo(120);
        assertThat(settings.passphrase()).isEmpty();
        assertThat(settings.keyLengthBytes()).as("the caller's choice").isZero();
        assertThat(settings.maxLatencyMillis()).isEqualTo(5_000);
    }

    @Test
    void passphrasesHaveTenToSeventyNineCharacters() {
        SrtListenerSettings settings = SrtListenerSettings.defaults(ANY);
        assertThat(settings.withPassphrase("x".repeat(10)).passphrase()).contains("x".repeat(10));
        assertThat(settings.withPassphrase("x".repeat(79)).passphrase()).isPresent();
        assertThatThrownBy(() -> settings.withPassphrase("x".repeat(9))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings.withPassphrase("x".repeat(80))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SrtVerdict.accept("short", connection -> null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keyLengthIsAnAesKeySize() {
        SrtListenerSettings settings = SrtListenerSettings.defaults(ANY);
        assertThat(settings.withKeyLength(16).keyLengthBytes()).isEqualTo(16);
        assertThat(settings.withKeyLength(24).keyLengthBytes()).isEqualTo(24);
        assertThat(settings.withKeyLength(32).keyLengthBytes()).isEqualTo(32);
        assertThatThrownBy(() -> settings.withKeyLength(20)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16, 24 or 32");
    }

    @Test
    void theMaximumLatencyIsNotBelowTheOfferedOne() {
        SrtListenerSettings settings = SrtListenerSettings.defaults(ANY);
        assertThat(settings.withLatency(200, 200).maxLatencyMillis()).isEqualTo(200);
        assertThatThrownBy(() -> settings.withLatency(300, 200)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maximum latency");
    }

    @Test
    void limitsArePositive() {
        assertThatThrownBy(() -> SrtListenerSettings.defaults(ANY).withMaxConnections(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SrtListenerSettings(ANY, -1, 100, 0, Optional.empty(), 16, 10, 10,
                Duration.ofSeconds(5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SrtListenerSettings.defaults(ANY).withMaxBandwidth(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
