package dev.inlet.relay;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RelayUrlTest {

    @Test
    void rtmpAndRtmpsWithTheirDefaultPorts() {
        assertThat(RelayUrl.parse("rtmp://a.rtmp.youtube.com/live2")).isEqualTo(new RelayUrl(false, "a.rtmp.youtube.com", 1935, "live2"));
        assertThat(RelayUrl.parse("RTMPS://live.example.com/app/sub/")).isEqualTo(new RelayUrl(true, "live.example.com", 443, "app/sub"));
        assertThat(RelayUrl.parse("rtmp://10.0.0.5:1936/live").toString()).isEqualTo("rtmp://10.0.0.5:1936/live");
    }

    @Test
    void whatIsNotARelayUrlIsRefusedWithAReason() {
        assertThatThrownBy(() -> RelayUrl.parse("http://x/live")).hasMessageContaining("rtmp://");
        assertThatThrownBy(() -> RelayUrl.parse("rtmp://x")).hasMessageContaining("application");
        assertThatThrownBy(() -> RelayUrl.parse("rtmp://x/live?key=abc")).hasMessageContaining("key");
        assertThatThrownBy(() -> RelayUrl.parse("rtmp:///live")).hasMessageContaining("host");
        assertThatThrownBy(() -> RelayUrl.parse(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RelayUrl.parse("rtmp://x/" + "a".repeat(600))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSealedKeyOpensOnlyWithItsSecretAndForItsStream() {
        KeySeal seal = KeySeal.of(KeySeal.newSecret());
        String sealed = seal.seal("news", "secret-key");
        assertThat(sealed).doesNotContain("secret-key");
        assertThat(seal.open("news", sealed)).isEqualTo("secret-key");
        assertThat(seal.seal("news", "secret-key")).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThatThrownBy(() -> seal.open("sport", sealed)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeySeal.of(KeySeal.newSecret()).open("news", sealed)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeySeal.of("c2hvcnQ=")).hasMessageContaining("16, 24 or 32");
    }
}
