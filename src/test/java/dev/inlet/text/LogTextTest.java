package dev.inlet.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogTextTest {

    @Test
    void controlCharactersAndLineSeparatorsAreEscaped() {
        assertThat(LogText.of("a\nSEVERE: b\r\u001b[31m\u2028c")).isEqualTo("a\\u000aSEVERE: b\\u000d\\u001b[31m\\u2028c");
    }

    @Test
    void ordinaryTextIsKeptAsItIs() {
        assertThat(LogText.of("FMLE/3.0 (compatible; OBS 30.1) é")).isEqualTo("FMLE/3.0 (compatible; OBS 30.1) é");
        assertThat(LogText.of(null)).isEmpty();
    }

    @Test
    void longTextIsCutAndSaysSo() {
        String escaped = LogText.of("x".repeat(LogText.MAX_CHARS + 1000));
        assertThat(escaped).hasSize(LogText.MAX_CHARS + 1).endsWith("…");
    }
}
