package dev.inlet.ingest;

import dev.inlet.rtmp.transport.WriteMerging;
import org.eclipse.microprofile.config.Config;
import dev.inlet.ingest.srt.SrtSettings;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The MicroProfile Config keys the container reads, against the settings the server then runs with. */
class RtmpSettingsProducerTest {

    @Test
    void withoutAnyKeyTheServerRunsWithItsDefaults() {
        RtmpSettings settings = produce(Map.of());

        assertThat(settings).isEqualTo(RtmpSettings.defaults());
        assertThat(settings.writeMerging()).isEqualTo(WriteMerging.defaults());
    }

    @Test
    void eachKeyReachesItsSetting() {
        RtmpSettings settings = produce(Map.of(
                "inlet.rtmp.port", "19999",
                "inlet.rtmp.chunk-size", "60000",
                "inlet.hub.max-backlog-bytes", "1000000",
                "inlet.hub.max-lag-seconds", "3",
                "inlet.play.max-players-per-stream", "7",
                "inlet.play.write-merge-ms", "0",
                "inlet.play.flusher-threads", "3",
                "inlet.play.write-merge-from-messages-per-second", "250",
                "inlet.demo.key", "secret"));

        assertThat(settings.listener().port()).isEqualTo(19999);
        assertThat(settings.session().outgoingChunkSize()).isEqualTo(60000);
        assertThat(settings.streams().backPressure().maxBacklogBytes()).isEqualTo(1_000_000);
        assertThat(settings.streams().backPressure().maxLag()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.streams().maxPlayersPerStream()).isEqualTo(7);
        assertThat(settings.writeMerging()).isEqualTo(new WriteMerging(Duration.ZERO, 3, 250));
        assertThat(settings.writeMerging().enabled()).isFalse();
        assertThat(settings.demoKey()).contains("secret");
    }

    @Test
    void srtHasItsDefaultsWithoutKeysAndBindsTheRtmpHost() {
        assertThat(srt(Map.of())).isEqualTo(SrtSettings.defaults());
        assertThat(srt(Map.of("inlet.rtmp.host", "10.0.0.5")).host()).isEqualTo("10.0.0.5");
    }

    @Test
    void eachSrtKeyReachesItsSetting() {
        SrtSettings settings = srt(Map.of(
                "inlet.srt.enabled", "false",
                "inlet.srt.host", "127.0.0.1",
                "inlet.srt.port", "9000",
                "inlet.srt.latency-ms", "250",
                "inlet.srt.max-latency-ms", "800",
                "inlet.srt.max-bandwidth-mbps", "40",
                "inlet.srt.passphrase", "a-long-enough-secret",
                "inlet.srt.key-length", "256"));

        assertThat(settings).isEqualTo(new SrtSettings(false, "127.0.0.1", 9000, 250, 800, 40,
                Optional.of("a-long-enough-secret"), 32));
        assertThat(settings.toString()).doesNotContain("a-long-enough-secret");
    }

    @Test
    void anInvalidSrtValueFailsTheDeploymentWithTheReason() {
        assertThatThrownBy(() -> srt(Map.of("inlet.srt.passphrase", "short")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10 to 79 characters");
        assertThatThrownBy(() -> srt(Map.of("inlet.srt.key-length", "32")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("128, 192 or 256");
        assertThatThrownBy(() -> srt(Map.of("inlet.srt.latency-ms", "300", "inlet.srt.max-latency-ms", "200")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maximum latency");
        assertThatThrownBy(() -> srt(Map.of("inlet.srt.port", "70000")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SRT port out of range");
        assertThatThrownBy(() -> srt(Map.of("inlet.srt.latency-ms", "-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SRT latency");
    }

    private static SrtSettings srt(Map<String, String> values) {
        RtmpSettingsProducer producer = new RtmpSettingsProducer();
        producer.config = config(values);
        return producer.srtSettings();
    }

    @Test
    void aNegativeMergeWindowFailsTheDeploymentWithTheReason() {
        assertThatThrownBy(() -> produce(Map.of("inlet.play.write-merge-ms", "-5")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("write merge window must not be negative");
    }

    @Test
    void connectionsPerAddressHaveOneDefaultTheListenerUses() {
        RtmpSettings settings = produce(Map.of());

        assertThat(settings.listener().maxConnectionsPerAddress()).isEqualTo(1000);
        assertThat(settings.listenerSettings().maxConnectionsPerIp()).isEqualTo(1000);
        assertThat(produce(Map.of("inlet.rtmp.max-connections-per-ip", "3")).listenerSettings().maxConnectionsPerIp())
                .isEqualTo(3);
    }

    @Test
    void readsRunOnTheSelectorUnlessConfiguredOtherwise() {
        assertThat(produce(Map.of()).listenerSettings().readsOnSelector()).isTrue();
        assertThat(produce(Map.of("inlet.rtmp.reads-on-selector", "false")).listenerSettings().readsOnSelector())
                .isFalse();
    }

    @Test
    void aBusySelectorPausesTwoMillisecondsUnlessConfiguredOtherwise() {
        assertThat(produce(Map.of()).listenerSettings().readCoalescing()).isEqualTo(Duration.ofMillis(2));
        assertThat(produce(Map.of("inlet.rtmp.read-coalesce-ms", "0")).listenerSettings().readCoalescing()).isZero();
        assertThat(produce(Map.of("inlet.rtmp.read-coalesce-ms", "5")).listenerSettings().readCoalescing())
                .isEqualTo(Duration.ofMillis(5));
        assertThatThrownBy(() -> produce(Map.of("inlet.rtmp.read-coalesce-ms", "21")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read coalescing is 0 to 20 ms");
        assertThatThrownBy(() -> produce(Map.of("inlet.rtmp.read-coalesce-ms", "-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read coalescing is 0 to 20 ms");
    }

    @Test
    void eachGroupRefusesAnInvalidValueWithTheReason() {
        assertThatThrownBy(() -> produce(Map.of("inlet.rtmp.idle-timeout-seconds", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("session timeouts must be positive");
        assertThatThrownBy(() -> produce(Map.of("inlet.rtmp.port", "70000")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RTMP port out of range");
        assertThatThrownBy(() -> produce(Map.of("inlet.hub.max-backlog-bytes", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid back-pressure");
        assertThatThrownBy(() -> produce(Map.of("inlet.rtmp.publish-block-max-seconds", "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid publish blocking");
    }

    private static RtmpSettings produce(Map<String, String> values) {
        RtmpSettingsProducer producer = new RtmpSettingsProducer();
        producer.config = config(values);
        return producer.settings();
    }

    /** A Config holding {@code values}; the producer only asks for optional values. */
    private static Config config(Map<String, String> values) {
        return (Config) Proxy.newProxyInstance(Config.class.getClassLoader(), new Class<?>[]{Config.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("getOptionalValue")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    String raw = values.get((String) args[0]);
                    return Optional.ofNullable(raw == null ? null : convert(raw, (Class<?>) args[1]));
                });
    }

    private static Object convert(String raw, Class<?> type) {
        if (type == Integer.class) {
            return Integer.valueOf(raw);
        }
        if (type == Long.class) {
            return Long.valueOf(raw);
        }
        if (type == Boolean.class) {
            return Boolean.valueOf(raw);
        }
        return raw;
    }
}
