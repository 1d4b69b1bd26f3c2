package dev.inlet.embedded;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

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
}
