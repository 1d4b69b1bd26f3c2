package dev.inlet.interop.enhanced;

import dev.inlet.core.StreamKeys;
import dev.inlet.relay.InMemoryRelayCatalog;
import dev.inlet.relay.RelayState;
import dev.inlet.relay.RelayTarget;
import dev.inlet.relay.Relays;
import dev.inlet.testing.ExternalProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 16: a relay carries Enhanced RTMP. HEVC published by ffmpeg 7.1 is relayed to an Enhanced RTMP target (Inlet's
 * own listener, under a second stream's key), and ffprobe 7.1 reads HEVC and AAC back from that second stream.
 */
class RelayEnhancedCodecsIT extends EnhancedInteropBase {

    private Relays relays;

    @AfterEach
    void closeRelays() {
        if (relays != null) {
            relays.close();
        }
    }

    @Test
    void hevcIsRelayedAsHevc() {
        String copyKey = StreamKeys.generate();
        registry.register("copy", copyKey);
        relays = new Relays(server.core(), new InMemoryRelayCatalog(code -> true), (target, status) -> { },
                Clock.systemUTC(), Executors.defaultThreadFactory());
        relays.start();
        RelayTarget target;
        try {
            target = relays.add(STREAM, "rtmp://127.0.0.1:" + server.boundPort() + "/live", copyKey, true);
        } catch (dev.inlet.core.StreamNotFoundException e) {
            throw new AssertionError(e);
        }

        ExternalProcess publisher = publish("ffmpeg71-publish-hevc", List.of(
                "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=44100", "-t", "20",
                "-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error:keyint=25",
                "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k", "-rtmp_enhanced_codecs", "hvc1,av01,vp09"));
        await().atMost(Duration.ofSeconds(30)).until(() -> relays.status(target.id()).state() == RelayState.LIVE
                || !publisher.isAlive());
        assertThat(relays.status(target.id()).state()).as("%s%n%s", relays.status(target.id()), publisher.describe())
                .isEqualTo(RelayState.LIVE);

        ExternalProcess probe = start("ffprobe71-copy", concat(Ffmpeg71.ffprobe(), "-v", "error", "-rw_timeout",
                "5000000", "-show_entries", "stream=codec_name", "-of", "csv=p=0",
                "rtmp://127.0.0.1:" + server.boundPort() + "/live/copy"));
        assertThat(probe.awaitExit()).as(probe.describe()).isZero();
        assertThat(probe.stdout().lines().map(String::strip).toList()).as(probe.describe()).contains("hevc", "aac");
    }
}
