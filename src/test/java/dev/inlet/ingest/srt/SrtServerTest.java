package dev.inlet.ingest.srt;

import dev.inlet.core.CoreSettings;
import dev.inlet.core.InMemoryRegistry;
import dev.inlet.core.PlayTokenSecret;
import dev.inlet.core.PlayTokens;
import dev.inlet.core.StreamCore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SRT's lifecycle beside RTMP: off when disabled, a clear failure on a taken port, a free port after stop. */
class SrtServerTest {

    private final StreamCore core = new StreamCore(CoreSettings.defaults(), new InMemoryRegistry(),
            new PlayTokens(PlayTokenSecret.random(), Clock.systemUTC()), Executors.defaultThreadFactory());

    @AfterEach
    void close() {
        core.close();
    }

    private SrtServer server(SrtSettings settings) {
        return new SrtServer(settings, core, Executors.defaultThreadFactory());
    }

    @Test
    void aDisabledServerDoesNotListenAndSaysWhy() {
        SrtServer srt = server(SrtSettings.defaults().withEnabled(false).withAddress("127.0.0.1", 0));

        assertThat(srt.start()).isFalse();
        assertThat(srt.isRunning()).isFalse();
        assertThat(srt.port()).isEqualTo(-1);
        assertThat(srt.unavailableReason()).hasValueSatisfying(reason -> assertThat(reason).contains("disabled"));
        srt.stop(); // nothing to stop, and no failure
    }

    @Test
    void aTakenPortFailsTheStartWithTheAddressAndStopFreesIt() {
        SrtServer first = server(SrtSettings.defaults().withAddress("127.0.0.1", 0));
        assertThat(first.start()).isTrue();
        int port = first.port();
        SrtServer second = server(SrtSettings.defaults().withAddress("127.0.0.1", port));

        assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("127.0.0.1:" + port);

        first.stop();
        assertThat(first.port()).isEqualTo(-1);
        assertThat(second.start()).isTrue();
        second.stop();
    }
}
