package dev.inlet.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.inlet.core.CoreSettings;
import dev.inlet.core.EdgeInput;
import dev.inlet.core.InMemoryRegistry;
import dev.inlet.core.PlayTokens;
import dev.inlet.core.Publication;
import dev.inlet.core.PublishRequest;
import dev.inlet.core.StreamCore;
import dev.inlet.hub.MediaFrame;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * In a cluster a stream's relays push from one node: the one whose publisher feeds the players. A node whose players
 * move to a pull of another node's better input stops its relays (that node pushes), and starts them again when its
 * own input takes over.
 */
class RelaysFollowTheActiveInputTest {

    private static final byte[] AVC_HEADER = HexFormat.of().parseHex("1700000000016400" + "1fffe10004" + "6764001f");
    private static final byte[] KEYFRAME = HexFormat.of().parseHex("1701000000000000016588");
    private static final String BACKUP_KEY = "news-backup-key-0123456789ab";

    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final StreamCore core = new StreamCore(CoreSettings.defaults(), registry,
            new PlayTokens("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII), Clock.systemUTC()),
            Executors.defaultThreadFactory());
    private final Relays relays = new Relays(core, new InMemoryRelayCatalog(stream -> true), RelayListener.NONE,
            Clock.systemUTC(), Executors.defaultThreadFactory(), Duration.ofSeconds(30));

    @AfterEach
    void stop() {
        relays.close();
        core.close();
    }

    @Test
    void relaysStopWhenAPullOfAnotherNodesBetterInputFeedsThePlayersAndStartWhenTheLocalInputTakesOver()
            throws Exception {
        registry.register("news", 2, BACKUP_KEY);
        relays.start();
        relays.add("news", "rtmp://127.0.0.1:9/live", "target-key", true); // a target that refuses: it retries
        Publication backup = core.admitPublisher(new PublishRequest("rtmp", BACKUP_KEY, "pub-2", "10.0.0.2:5000",
                "live", "", ""), reason -> { }).toCompletableFuture().get(5, TimeUnit.SECONDS);
        core.confirmed(backup);
        backup.onFrame(9, AVC_HEADER.length, MediaFrame.video(0, AVC_HEADER, false, true));
        backup.onFrame(9, KEYFRAME.length, MediaFrame.video(0, KEYFRAME, true, false));
        await().atMost(Duration.ofSeconds(5)).until(() -> relays.activeCount() == 1);

        EdgeInput primaryOfNodeA = core.openEdgeInput("news", 1, "node-a");
        primaryOfNodeA.onFrame(MediaFrame.video(0, AVC_HEADER, false, true));
        primaryOfNodeA.onFrame(MediaFrame.video(0, KEYFRAME, true, false));
        assertThat(core.streamStatus("news").activePriority()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> relays.activeCount() == 0);
        assertThat(core.isFedFromHere("news")).isFalse();

        primaryOfNodeA.end("node-a died", false);
        backup.onFrame(9, KEYFRAME.length, MediaFrame.video(80, KEYFRAME, true, false));
        assertThat(core.streamStatus("news").activePriority()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> relays.activeCount() == 1);
        assertThat(core.isFedFromHere("news")).isTrue();
    }

    @Test
    void aStreamFedOnlyByAPullIsNotRelayedHere() throws Exception {
        relays.start();
        relays.add("news", "rtmp://127.0.0.1:9/live", "target-key", true);
        EdgeInput pulled = core.openEdgeInput("news", 1, "node-a");
        pulled.onFrame(MediaFrame.video(0, AVC_HEADER, false, true));
        pulled.onFrame(MediaFrame.video(0, KEYFRAME, true, false));

        relays.add("news", "rtmp://127.0.0.1:9/other", "target-key-2", true);
        relays.await(() -> { }); // what was submitted before has run

        assertThat(core.isLive("news")).isTrue();
        assertThat(relays.activeCount()).isZero();
    }
}
