package dev.inlet.embedded;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LaunchSettingsTest {

    private static final Path EAR = Path.of("inlet.ear");

    @Test
    void defaultsSuitALaptop() {
        LaunchSettings settings = LaunchSettings.from(EAR, Map.of());

        assertThat(settings.httpHost()).isEqualTo("0.0.0.0");
        assertThat(settings.httpPort()).isEqualTo(8080);
        assertThat(settings.rtmpPort()).isEqualTo(1935);
        assertThat(settings.srtPort()).isEqualTo(8890);
        assertThat(settings.publicHost()).isEqualTo("localhost");
        assertThat(settings.payaraDir()).isEqualTo(Path.of("data", "payara").toAbsolutePath());
        assertThat(settings.demoKey()).isEmpty();
    }

    @Test
    void environmentVariablesOverrideTheDefaults() {
        LaunchSettings settings = LaunchSettings.from(EAR, Map.of(
                "INLET_HTTP_PORT", "18080", "INLET_RTMP_PORT", "11935", "INLET_SRT_PORT", "18890", "INLET_DEMO_KEY", " secret ",
                "INLET_PUBLIC_HOST", "ingest.example", "INLET_DATA_DIR", "/var/lib/inlet"));

        assertThat(settings.httpPort()).isEqualTo(18080);
        assertThat(settings.rtmpPort()).isEqualTo(11935);
        assertThat(settings.srtPort()).isEqualTo(18890);
        assertThat(settings.demoKey()).contains("secret");
        assertThat(settings.publicHost()).isEqualTo("ingest.example");
        assertThat(settings.payaraDir()).isEqualTo(Path.of("/var/lib/inlet/payara"));
    }

    @Test
    void aClusterNodeAdvertisesItsPublicHostAndRtmpPortUnlessToldOtherwise() {
        LaunchSettings byDefault = LaunchSettings.from(EAR, Map.of("INLET_PUBLIC_HOST", "ingest-2.example",
                "INLET_RTMP_PORT", "2935"));
        LaunchSettings told = LaunchSettings.from(EAR, Map.of("INLET_CLUSTER_ADVERTISE_ADDRESS", "10.0.0.2:1935",
                "INLET_CLUSTER_SECRET", "0123456789abcdef", "INLET_RELAY_SECRET", "relay-secret"));

        assertThat(byDefault.advertiseAddress()).isEqualTo("ingest-2.example:2935");
        assertThat(byDefault.clusterSecretGiven()).isFalse();
        assertThat(byDefault.relaySecretGiven()).isFalse();
        assertThat(told.advertiseAddress()).isEqualTo("10.0.0.2:1935");
        assertThat(told.clusterSecretGiven()).isTrue();
        assertThat(told.relaySecretGiven()).isTrue();
        assertThat(told.toString()).doesNotContain("0123456789abcdef", "relay-secret");
    }

    @Test
    void aBlankKeyCountsAsNone() {
        assertThat(LaunchSettings.from(EAR, Map.of("INLET_DEMO_KEY", "  ")).demoKey()).isEmpty();
    }

    @Test
    void aPortOutsideTheTcpRangeIsRejectedWithItsName() {
        assertThatThrownBy(() -> LaunchSettings.from(EAR, Map.of("INLET_RTMP_PORT", "70000")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("INLET_RTMP_PORT");
        assertThatThrownBy(() -> LaunchSettings.from(EAR, Map.of("INLET_HTTP_PORT", "http")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("INLET_HTTP_PORT");
    }
}
