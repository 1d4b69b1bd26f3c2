package dev.inlet.ingest;

import dev.inlet.core.InMemoryRegistry;
import dev.inlet.core.IngestListener;
import dev.inlet.core.PlayerView;
import dev.inlet.core.PublisherView;
import dev.inlet.core.StreamKeys;
import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.client.RtmpClient;
import dev.inlet.rtmp.command.NetStatus;
import dev.inlet.testing.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An unauthenticated peer puts line breaks in everything it may name (connect's flashVer, tcUrl and app, the
 * publish key, the play name, the command name): nothing it sent reaches a log line, a session listing or an
 * event with the line break intact, so it cannot forge log lines such as {@code SEVERE: …}.
 */
class LogForgingLoopbackTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String FORGED = "\nSEVERE: forged line\r\n";

    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final String key = StreamKeys.generate();
    private LogCapture logs;
    private RtmpServer server;

    @BeforeEach
    void start() {
        logs = LogCapture.includingFine();
        registry.register("demo", key);
        server = new RtmpServer(RtmpSettings.defaults().withHost("127.0.0.1").withPort(0), registry,
                Executors.defaultThreadFactory());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
        logs.close();
    }

    @Test
    void lineBreaksFromThePeerNeverReachLogsListingsOrEvents() throws Exception {
        List<String> eventText = new CopyOnWriteArrayList<>();
        server.setIngestListener(new IngestListener() {
            @Override public void publisherConnected(PublisherView p) { eventText.add(p.toString()); }
            @Override public void publisherDisconnected(PublisherView p, String reason, Throwable e) { eventText.add(p + reason); }
            @Override public void playerConnected(PlayerView p) { eventText.add(p.toString()); }
            @Override public void playerDisconnected(PlayerView p, String reason) { eventText.add(p + reason); }
        });
        Map<String, Object> forgedConnect = Map.of("flashVer", "FMLE/3.0" + FORGED, "tcUrl", "rtmp://x/live" + FORGED);

        try (RtmpClient publisher = connect(forgedConnect); RtmpClient player = connect(forgedConnect)) {
            int stream = publisher.createStream();
            assertThat(publisher.publish(stream, key).code()).isEqualTo(NetStatus.PUBLISH_START);
            publisher.sendMedia(stream, MessageTypes.VIDEO, 0, Loopback.AVC_HEADER);
            Loopback.awaitLive(server);
            assertThat(player.play(player.createStream(), "demo").code()).isEqualTo(NetStatus.PLAY_START);

            assertThat(server.publishers()).singleElement().satisfies(p -> {
                assertThat(p.flashVer()).startsWith("FMLE/3.0").doesNotContain("\n", "\r");
                assertThat(p.app()).isEqualTo("live");
            });
            assertThat(server.players()).singleElement()
                    .satisfies(p -> assertThat(p.flashVer()).doesNotContain("\n", "\r"));
        }

        try (RtmpClient stranger = connect(forgedConnect)) {
            assertThat(stranger.publish(stranger.createStream(), "unknownkey" + FORGED).code())
                    .isEqualTo(NetStatus.PUBLISH_BAD_NAME);
        }
        try (RtmpClient stranger = connect(forgedConnect)) {
            assertThat(stranger.play(stranger.createStream(), "nosuchstream" + FORGED).code())
                    .isEqualTo(NetStatus.PLAY_STREAM_NOT_FOUND);
        }

        await().atMost(TIMEOUT).until(() -> eventText.size() >= 4);
        assertThat(eventText).allSatisfy(text -> assertThat(text).doesNotContain("\n", "\r"));
        List<String> logLines = logs.messages();
        assertThat(logLines).as("the peer's words were logged").anyMatch(line -> line.contains("unknow"));
        assertThat(logLines).as("the peer's words were logged").anyMatch(line -> line.contains("nosuchstream"));
        assertThat(logLines).allSatisfy(line -> assertThat(line).doesNotContain("\n", "\r"));
    }

    private RtmpClient connect(Map<String, Object> connectProperties) throws Exception {
        return RtmpClient.connect("127.0.0.1", server.boundPort(), "live", TIMEOUT, null, connectProperties);
    }
}
