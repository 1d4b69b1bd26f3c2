package dev.inlet.ingest;

import dev.inlet.core.InMemoryRegistry;
import dev.inlet.core.StreamKeys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.client.RtmpClient;
import dev.inlet.rtmp.command.NetStatus;
import dev.inlet.rtmp.session.ConnectRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An Enhanced RTMP v2 multitrack publish played at the same time by a player that negotiated multitrack
 * ({@code capsEx} 0x02 in its connect) and one that did not, both over RTMP through the engine: the first gets the
 * messages as published, the second the default track only, and neither gets the other's shared chunk encoding.
 */
class MultitrackPlayLoopbackTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    // Default track (0) as single-track enhanced messages, track 1 as OneTrack multitrack messages, 'avc1'/'mp4a'.
    private static final byte[] VIDEO_CONFIG_0 = hex("90 61766331 01640000");
    private static final byte[] VIDEO_CONFIG_1 = hex("96 00 61766331 01 01640011");
    private static final byte[] AUDIO_CONFIG_0 = hex("90 6D703461 1210");
    private static final byte[] AUDIO_CONFIG_1 = hex("95 00 6D703461 01 1190");
    private static final byte[] KEY_0 = hex("91 61766331 000000 A0");
    private static final byte[] KEY_1 = hex("96 01 61766331 01 000000 B0");
    private static final byte[] INTER_BOTH = hex("A6 11 61766331 00 000004 000000A1 01 000004 000000B1");
    private static final byte[] INTER_0_AS_SINGLE_TRACK = hex("A1 61766331 000000 A1");
    private static final byte[] INTER_1 = hex("A6 01 61766331 01 000000 B2");
    private static final byte[] AUDIO_BOTH = hex("95 11 6D703461 00 000001 C0 01 000001 D0");
    private static final byte[] AUDIO_0_AS_SINGLE_TRACK = hex("91 6D703461 C0");

    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final String key = StreamKeys.generate();
    private RtmpServer server;

    @BeforeEach
    void start() {
        registry.register("demo", key);
        server = new RtmpServer(RtmpSettings.defaults().withHost("127.0.0.1").withPort(0), registry,
                Executors.defaultThreadFactory());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void aMultitrackPlayerGetsEveryTrackAndASingleTrackPlayerTheDefaultOne() throws Exception {
        List<RtmpMessage> singleTrack = new CopyOnWriteArrayList<>();
        List<RtmpMessage> multitrack = new CopyOnWriteArrayList<>();
        try (RtmpClient publisher = client(null, Map.of("capsEx", (double) ConnectRequest.CAPS_EX_MULTITRACK))) {
            int stream = publisher.createStream();
            assertThat(publisher.publish(stream, "live/" + key).code()).isEqualTo(NetStatus.PUBLISH_START);
            video(publisher, stream, 0, VIDEO_CONFIG_0);
            video(publisher, stream, 0, VIDEO_CONFIG_1);
            audio(publisher, stream, 0, AUDIO_CONFIG_0);
            audio(publisher, stream, 0, AUDIO_CONFIG_1);
            video(publisher, stream, 0, KEY_0);
            video(publisher, stream, 0, KEY_1);
            Loopback.awaitLive(server);

            // The single-track player joins first, so the frames' default-track encodings exist before the
            // multitrack player asks for its own.
            try (RtmpClient legacy = client(singleTrack::add, Map.of());
                 RtmpClient enhanced = client(multitrack::add,
                         Map.of("capsEx", (double) ConnectRequest.CAPS_EX_MULTITRACK, "fourCcList", List.of("*")))) {
                assertThat(legacy.play(legacy.createStream(), "demo").code()).isEqualTo(NetStatus.PLAY_START);
                assertThat(enhanced.play(enhanced.createStream(), "demo").code()).isEqualTo(NetStatus.PLAY_START);
                video(publisher, stream, 40, INTER_BOTH);
                video(publisher, stream, 80, INTER_1);
                audio(publisher, stream, 90, AUDIO_BOTH);
                awaitCount(multitrack, 9);
                awaitCount(singleTrack, 5);
            }
        }

        assertThat(payloads(multitrack)).containsExactly(VIDEO_CONFIG_0, VIDEO_CONFIG_1, AUDIO_CONFIG_0,
                AUDIO_CONFIG_1, KEY_0, KEY_1, INTER_BOTH, INTER_1, AUDIO_BOTH);
        assertThat(payloads(singleTrack)).containsExactly(VIDEO_CONFIG_0, AUDIO_CONFIG_0, KEY_0,
                INTER_0_AS_SINGLE_TRACK, AUDIO_0_AS_SINGLE_TRACK);
        assertThat(singleTrack).filteredOn(m -> m.typeId() != MessageTypes.DATA_AMF0)
                .extracting(RtmpMessage::timestamp).containsExactly(0L, 0L, 0L, 40L, 90L);
    }

    private RtmpClient client(Consumer<RtmpMessage> media, Map<String, Object> connectProperties) throws IOException {
        return RtmpClient.connect("127.0.0.1", server.boundPort(), "live", TIMEOUT, media, connectProperties);
    }

    private static void video(RtmpClient publisher, int stream, long timestamp, byte[] body) throws IOException {
        publisher.sendMedia(stream, MessageTypes.VIDEO, timestamp, body);
    }

    private static void audio(RtmpClient publisher, int stream, long timestamp, byte[] body) throws IOException {
        publisher.sendMedia(stream, MessageTypes.AUDIO, timestamp, body);
    }

    private static List<byte[]> payloads(List<RtmpMessage> messages) {
        return messages.stream().filter(m -> m.typeId() == MessageTypes.VIDEO || m.typeId() == MessageTypes.AUDIO)
                .map(RtmpMessage::payload).toList();
    }

    /** Waits for {@code count} audio and video messages (the server's own data messages aside). */
    private static void awaitCount(List<RtmpMessage> messages, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT.toMillis();
        while (payloads(messages).size() < count && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(100); // nothing more may follow
        assertThat(payloads(messages)).hasSize(count);
    }

    private static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }
}
