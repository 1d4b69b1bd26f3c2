package dev.inlet.embedded;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DemoKeysTest {

    @Test
    void aKeyIsUrlSafeAndCarriesAtLeast128RandomBits() {
        String key = DemoKeys.random();

        assertThat(key).matches("[A-Za-z0-9_-]+");
        assertThat(Base64.getUrlDecoder().decode(key).length * 8).isGreaterThanOrEqualTo(128);
    }

    @Test
    void everyKeyIsNew() {
        assertThat(DemoKeys.random()).isNotEqualTo(DemoKeys.random());
    }

    @Test
    void aShortChosenKeyIsRefusedWithWhatItNeeds() {
        assertThatIllegalArgumentException().isThrownBy(() -> DemoKeys.requireStrong("Secret-123"))
                .withMessageContaining("INLET_DEMO_KEY is too weak").withMessageContaining("at least 16 characters");
    }

    @Test
    void aLongKeyOfFewCharactersIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> DemoKeys.requireStrong("abababababababababab"))
                .withMessageContaining("2 different");
    }

    @Test
    void aLongVariedKeyAndEveryGeneratedKeyAreAccepted() {
        assertThat(DemoKeys.requireStrong("my-demo-key-2026")).isEqualTo("my-demo-key-2026");
        String generated = DemoKeys.random();
        assertThat(DemoKeys.requireStrong(generated)).isEqualTo(generated);
    }
}
