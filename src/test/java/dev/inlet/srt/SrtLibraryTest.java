package dev.inlet.srt;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SrtLibraryTest {

    @Test
    void loadsDebiansLibsrt() {
        SrtLibrary.Status status = SrtLibrary.load();
        assertThat(status.available())
                .as("libsrt must be installed for the SRT tests (apt-get install libsrt1.5-openssl srt-tools): %s",
                        status.description())
                .isTrue();
        assertThat(status.description()).startsWith("libsrt 1.5.");
    }

    @Test
    void aMissingLibraryIsAStatusWithItsReasonNotAnError() {
        SrtLibrary.Status status = SrtLibrary.tryLoad(List.of("libinlet-no-such-srt.so.9"));
        assertThat(status.available()).isFalse();
        assertThat(status.description()).contains("libinlet-no-such-srt.so.9");
        assertThatThrownBy(status::require).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SRT is unavailable");
    }

    @Test
    void aLibraryThatIsNotLibsrtIsRefused() {
        SrtLibrary.Status status = SrtLibrary.tryLoad(List.of("libc.so.6"));
        assertThat(status.available()).isFalse();
        assertThat(status.description()).contains("not libsrt");
    }
}
