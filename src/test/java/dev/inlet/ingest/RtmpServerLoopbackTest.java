package dev.inlet.ingest;

import dev.inlet.core.InMemoryRegistry;
import dev.inlet.core.IngestListener;
import dev.inlet.core.PlayerView;
import dev.inlet.core.PublisherView;
import dev.inlet.core.StreamCallbacks;
import dev.inlet.core.StreamKeys;

import dev.inlet.media.AVPacket;
import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.amf.Amf0Writer;
import dev.inlet.rtmp.client.RtmpClient;
import dev.inlet.rtmp.client.RtmpStatus;
import dev.inlet.rtmp.command.NetStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The whole engine on loopback, driven by the project's own client. */
class RtmpServerLoopbackTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final byte[] AAC_HEADER = {(byte) 0xAF, 0, 0x12, 0x10};

    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final String key = StreamKeys.generate();
    private RtmpServer server;

    @BeforeEach
    void start() {
        registry.register("demo", key);
        server = new RtmpServer(RtmpSettings.defaults().withHost("127.0.0.1").withPort(0)
                .withHandshakeTimeout(Duration.ofMillis(500)), registry, Executors.defaultThreadFactory());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void publishedFramesReachAPlayerWithMetadataAndSequenceHeadersFirst() throws Exception {
        try (RtmpClient publisher = Loopback.client(server, null)) {
            int stream = publisher.createStream();
            assertThat(publisher.publish(stream, "live/" + key + "?token=ignored").code()).isEqualTo(NetStatus.PUBLISH_START);
            publisher.setChunkSize(4096);
            byte[] meta = new Amf0Writer().writeAll("@setDataFrame", "onMetaData", Map.of("width", 320.0)).toByteArray();
            publisher.sendMedia(stream, MessageTypes.DATA_AMF0, 0, meta);
            publisher.sendMedia(stream, MessageTypes.VIDEO, 0, Loopback.AVC_HEADER);
            publisher.sendMedia(stream, MessageTypes.AUDIO, 0, AAC_HEADER);
            publisher.sendMedia(stream, MessageTypes.VIDEO, 0, Loopback.avcFrame(true, 10_000));
            Loopback.awaitLive(server);

            List<RtmpMessage> received = new CopyOnWriteArrayList<>();
            try (RtmpClient player = Loopback.client(server, received::add)) {
                int playStream = player.createStream();
                assertThat(player.play(playStream, "demo").code()).isEqualTo(NetStatus.PLAY_START);
                publisher.sendMedia(stream, MessageTypes.VIDEO, 40, Loopback.avcFrame(false, 5_000));
                publisher.sendMedia(stream, MessageTypes.AUDIO, 45, new byte[]{(byte) 0xAF, 1, 9, 9});
                awaitCount(received, 7);
            }
            List<Integer> types = received.stream().map(RtmpMessage::typeId).toList();
            assertThat(types).containsExactly(MessageTypes.DATA_AMF0, MessageTypes.DATA_AMF0, MessageTypes.VIDEO,
                    MessageTypes.AUDIO, MessageTypes.VIDEO, MessageTypes.VIDEO, MessageTypes.AUDIO);
            assertThat(received.get(2).payload()).isEqualTo(Loopback.AVC_HEADER);
            assertThat(received.get(4).payload()).hasSize(10_000);
            assertThat(received.get(5).timestamp()).isEqualTo(40);
        }
    }

    @Test
    void unknownKeyIsRefusedWithBadNameBeforeTheClose() throws Exception {
        try (RtmpClient publisher = Loopback.client(server, null)) {
            RtmpStatus status = publisher.publish(publisher.createStream(), "wrong-key");
            assertThat(status.code()).isEqualTo(NetStatus.PUBLISH_BAD_NAME);
            assertThat(status.isError()).isTrue();
            assertThat(status.description()).contains("unknown stream key");
            assertThat(publisher.awaitServerClose(TIMEOUT)).isTrue();
        }
    }

    @Test
    void secondPublisherOnABusyKeyIsRefusedAndTheFirstGoesOn() throws Exception {
        try (RtmpClient first = Loopback.client(server, null); RtmpClient second = Loopback.client(server, null)) {
            int stream = first.createStream();
            assertThat(first.publish(stream, key).code()).isEqualTo(NetStatus.PUBLISH_START);
            RtmpStatus refused = second.publish(second.createStream(), key);
            assertThat(refused.code()).isEqualTo(NetStatus.PUBLISH_BAD_NAME);
            assertThat(refused.description()).contains("already publishing");
            assertThat(second.awaitServerClose(TIMEOUT)).isTrue();
            first.sendMedia(stream, MessageTypes.VIDEO, 0, Loopback.AVC_HEADER);
            assertThat(first.isClosedByServer()).isFalse();
            assertThat(server.isLive("demo")).isTrue();
        }
    }

    @Test
    void keyIsFreeAgainAfterThePublisherLeaves() throws Exception {
        try (RtmpClient first = Loopback.client(server, null)) {
            assertThat(first.publish(first.createStream(), key).code()).isEqualTo(NetStatus.PUBLISH_START);
        }
        long deadline = System.currentTimeMillis() + 5000;
        while (server.isLive("demo") && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        try (RtmpClient again = Loopback.client(server, null)) {
            assertThat(again.publish(again.createStream(), key).code()).isEqualTo(NetStatus.PUBLISH_START);
        }
    }

    @Test
    void playOfAStreamWithoutPublisherGetsStreamNotFound() throws Exception {
        try (RtmpClient player = Loopback.client(server, null)) {
            RtmpStatus status = player.play(player.createStream(), "demo");
            assertThat(status.code()).isEqualTo(NetStatus.PLAY_STREAM_NOT_FOUND);
        }
    }

    @Test
    void playingByTheSecretKeyDoesNotWork() throws Exception {
        try (RtmpClient publisher = Loopback.client(server, null); RtmpClient player = Loopback.client(server, null)) {
            publisher.publish(publisher.createStream(), key);
            Loopback.awaitLive(server);
            assertThat(player.play(player.createStream(), key).code()).isEqualTo(NetStatus.PLAY_STREAM_NOT_FOUND);
        }
    }

    @Test
    void playersAreToldWhenThePublisherLeaves() throws Exception {
        try (RtmpClient player = Loopback.client(server, null)) {
            RtmpClient publisher = Loopback.client(server, null);
            int stream = publisher.createStream();
            publisher.publish(stream, key);
            Loopback.awaitLive(server);
            assertThat(player.play(player.createStream(), "demo").code()).isEqualTo(NetStatus.PLAY_START);
            publisher.unpublish(stream, key);
            var stop = player.awaitCommand(c -> c.name().equals("onStatus")
                    && NetStatus.PLAY_UNPUBLISH_NOTIFY.equals(NetStatus.codeOf(c.arguments().get(0))));
            assertThat(stop).isNotNull();
            assertThat(player.awaitServerClose(TIMEOUT)).isTrue();
        }
    }

    @Test
    void streamCallbacksSeeConnectPacketsMediaAndDisconnect() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        AtomicInteger bytes = new AtomicInteger();
        List<AVPacket> packets = new CopyOnWriteArrayList<>();
        server.setStreamCallbacks("demo", new StreamCallbacks() {
            @Override public void onConnect() { events.add("connect"); }
            @Override public void onPacket() { events.add("packet"); }
            @Override public void onPacketBytes(int n) { bytes.addAndGet(n); }
            @Override public boolean wantsMedia() { return true; }
            @Override public void onMedia(AVPacket p) { packets.add(p); }
            @Override public void onDisconnect(Throwable error) { events.add("disconnect"); }
        });
        try (RtmpClient publisher = Loopback.client(server, null)) {
            int stream = publisher.createStream();
            publisher.publish(stream, key);
            publisher.sendMedia(stream, MessageTypes.VIDEO, 0, Loopback.AVC_HEADER);
            publisher.sendMedia(stream, MessageTypes.VIDEO, 0, Loopback.avcFrame(true, 100));
        }
        long deadline = System.currentTimeMillis() + 5000;
        while (!events.contains("disconnect") && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertThat(events).containsExactly("connect", "packet", "packet", "disconnect");
        assertThat(bytes.get()).isEqualTo(Loopback.AVC_HEADER.length + 100);
        assertThat(packets).hasSize(1);
        assertThat(packets.get(0).keyframe()).isTrue();
        server.clearStreamCallbacks("demo");
    }

    @Test
    void customPlayFuncFeedsThePlayer() throws Exception {
        server.setPlayFunc((name, info, player) -> {
            player.writeTag(9, 0, Loopback.AVC_HEADER);
            return () -> { };
        });
        List<RtmpMessage> received = new CopyOnWriteArrayList<>();
        try (RtmpClient player = Loopback.client(server, received::add)) {
            assertThat(player.play(player.createStream(), "anything").code()).isEqualTo(NetStatus.PLAY_START);
            awaitCount(received, 2);
        }
        assertThat(received.get(1).payload()).isEqualTo(Loopback.AVC_HEADER);
    }

    @Test
    void aSilentConnectionIsClosedAfterTheHandshakeTimeout() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.boundPort())) {
            socket.setSoTimeout(5000);
            assertThatThrownBy(() -> socket.getInputStream().read()).as("reset: Inlet aborts")
                    .isInstanceOf(java.net.SocketException.class).hasMessageContaining("reset");
        }
        assertThat(server.closeReasons()).containsEntry("handshake_timeout", 1L);
    }

    @Test
    void garbageCostsOnlyItsOwnConnection() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.boundPort())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(new byte[]{9, 1, 2, 3});
            out.write(new byte[1536]);
            out.flush();
            InputStream in = socket.getInputStream();
            assertThatThrownBy(in::readAllBytes).as("nothing, then a reset: Inlet aborts")
                    .isInstanceOf(java.net.SocketException.class).hasMessageContaining("reset");
        }
        try (RtmpClient healthy = Loopback.client(server, null)) {
            assertThat(healthy.publish(healthy.createStream(), key).code()).isEqualTo(NetStatus.PUBLISH_START);
        }
    }

    @Test
    void aStalledPlayerIsDisconnectedWithoutHoldingBackThePublisherOrOtherPlayers() throws Exception {
        server.stop();
        server = new RtmpServer(RtmpSettings.defaults().withHost("127.0.0.1").withPort(0)
                .withMaxWriteQueueBytes(1024 * 1024), registry, Executors.defaultThreadFactory());
        server.start();
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        AtomicInteger healthyFrames = new AtomicInteger();
        try (RtmpClient publisher = Loopback.client(server, null)) {
            int stream = publisher.createStream();
            publisher.publish(stream, key);
            publisher.sendMedia(stream, MessageTypes.VIDEO, 0, Loopback.AVC_HEADER);
            Loopback.awaitLive(server);
            RtmpClient stalled = Loopback.client(server, m -> {
                try {
                    never.await(); // this player's reader stops: its socket fills, then the server's queue
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            RtmpClient healthy = Loopback.client(server, m -> healthyFrames.incrementAndGet());
            stalled.play(stalled.createStream(), "demo");
            healthy.play(healthy.createStream(), "demo");
            long started = System.nanoTime();
            for (int i = 0; i < 400; i++) {
                publisher.sendMedia(stream, MessageTypes.VIDEO, i * 40L, Loopback.avcFrame(i % 50 == 0, 50_000));
                // 50 MB/s at most: far above any real stream, yet a healthy reader on a loaded CI machine keeps within
                // its 1 MB queue; unpaced, the healthy player too was (rightly) closed as slow
                Thread.sleep(1);
            }
            long publishMillis = (System.nanoTime() - started) / 1_000_000;
            long deadline = System.currentTimeMillis() + 10_000;
            while (!server.closeReasons().containsKey("slow_peer") && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(server.closeReasons()).containsKey("slow_peer");
            while (healthyFrames.get() < 401 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(healthyFrames.get()).as("every frame reached the healthy player").isGreaterThanOrEqualTo(401);
            assertThat(server.closeReasons()).as("only the stalled player was closed").containsEntry("slow_peer", 1L);
            assertThat(publishMillis).as("20 MB went out without waiting for the stalled player").isLessThan(10_000);
            never.countDown();
            stalled.close();
            healthy.close();
        }
    }

    @Test
    void aPublisherThatGoesSilentLosesItsSlotAfterTheReadTimeout() throws Exception {
        server.stop();
        server = new RtmpServer(RtmpSettings.defaults().withHost("127.0.0.1").withPort(0)
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2)), registry, Executors.defaultThreadFactory());
        server.start();
        try (RtmpClient silent = Loopback.client(server, null); RtmpClient idle = Loopback.client(server, null)) {
            assertThat(silent.publish(silent.createStream(), key).code()).isEqualTo(NetStatus.PUBLISH_START);
            assertThat(silent.awaitServerClose(Duration.ofSeconds(5))).isTrue();
            try (RtmpClient next = Loopback.client(server, null)) {
                assertThat(next.publish(next.createStream(), key).code()).isEqualTo(NetStatus.PUBLISH_START);
            }
            assertThat(idle.awaitServerClose(Duration.ofSeconds(5))).as("connected but never published").isTrue();
        }
        assertThat(server.closeReasons()).containsEntry("idle_timeout", 2L);
    }

    @Test
    void aPublisherOnASlowUplinkIsKeptWhileTheBytesOfALargeKeyframeKeepArriving() throws Exception {
        server.stop();
        server = new RtmpServer(RtmpSettings.defaults().withHost("127.0.0.1").withPort(0)
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(30)), registry, Executors.defaultThreadFactory());
        server.start();
        List<RtmpMessage> played = new CopyOnWriteArrayList<>();
        byte[] keyframe = Loopback.avcFrame(true, 120_000);
        try (RtmpClient publisher = Loopback.client(server, null); RtmpClient player = Loopback.client(server, played::add)) {
            int stream = publisher.createStream();
            assertThat(publisher.publish(stream, key).code()).isEqualTo(NetStatus.PUBLISH_START);
            publisher.setChunkSize(4096);
            publisher.sendMedia(stream, MessageTypes.VIDEO, 0, Loopback.AVC_HEADER);
            assertThat(player.play(player.createStream(), "demo").code()).isEqualTo(NetStatus.PLAY_START);

            // 120 KB at 40 KB/s: three times the read timeout passes before the message is complete
            publisher.sendMediaPaced(stream, MessageTypes.VIDEO, 40, keyframe, 40_000);

            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (played.stream().noneMatch(m -> m.payload().length == keyframe.length) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(played).as("the slow keyframe reached the player whole")
                    .anyMatch(m -> m.typeId() == MessageTypes.VIDEO && Arrays.equals(m.payload(), keyframe));
            assertThat(publisher.isClosedByServer()).isFalse();
        }
        assertThat(server.closeReasons()).doesNotContainKey("idle_timeout");
    }

    @Test
    void anAuthoriserCanDenyAPublishWithAReasonTheEncoderReceives() throws Exception {
        server.setPublishAuthorizer(attempt -> java.util.concurrent.CompletableFuture.supplyAsync(
                () -> attempt.remoteAddress().startsWith("127.") ? java.util.Optional.of("not from loopback, please")
                        : java.util.Optional.empty()));
        try (RtmpClient publisher = Loopback.client(server, null)) {
            RtmpStatus status = publisher.publish(publisher.createStream(), key);
            assertThat(status.code()).isEqualTo(NetStatus.PUBLISH_BAD_NAME);
            assertThat(status.description()).isEqualTo("not from loopback, please");
        }
        server.setPublishAuthorizer(null);
        try (RtmpClient publisher = Loopback.client(server, null)) {
            assertThat(publisher.publish(publisher.createStream(), key).code())
                    .as("the denied attempt gave its slot back").isEqualTo(NetStatus.PUBLISH_START);
        }
    }

    @Test
    void sessionsAreListedWithoutKeysAndCanBeKicked() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        server.setIngestListener(new IngestListener() {
            @Override public void publisherConnected(PublisherView p) { events.add("publish " + p.streamCode()); }
            @Override public void publisherDisconnected(PublisherView p, String reason, Throwable e) { events.add("unpublish " + p.streamCode()); }
            @Override public void playerConnected(PlayerView p) { events.add("play " + p.streamCode()); }
            @Override public void playerDisconnected(PlayerView p, String reason) { events.add("stop " + p.streamCode()); }
        });
        try (RtmpClient publisher = Loopback.client(server, null); RtmpClient player = Loopback.client(server, null)) {
            int stream = publisher.createStream();
            publisher.publish(stream, key);
            publisher.sendMedia(stream, MessageTypes.VIDEO, 0, Loopback.AVC_HEADER);
            Loopback.awaitLive(server);
            player.play(player.createStream(), "demo");

            assertThat(server.publishers()).singleElement().satisfies(p -> {
                assertThat(p.streamCode()).isEqualTo("demo");
                assertThat(p.keyPrefix()).isEqualTo(key.substring(0, 6));
                assertThat(p.toString()).doesNotContain(key);
                assertThat(p.flashVer()).contains("Inlet");
            });
            assertThat(server.players()).singleElement().satisfies(p -> assertThat(p.streamCode()).isEqualTo("demo"));

            assertThat(server.kick(server.publishers().get(0).id(), "kicked by test")).isTrue();
            assertThat(publisher.awaitServerClose(TIMEOUT)).isTrue();
            assertThat(player.awaitServerClose(TIMEOUT)).isTrue();
        }
        long deadline = System.currentTimeMillis() + 5000;
        while (events.size() < 4 && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertThat(events).containsExactlyInAnyOrder("publish demo", "play demo", "unpublish demo", "stop demo");
        assertThat(server.publishers()).isEmpty();
        assertThat(server.players()).isEmpty();
        assertThat(server.kick("no-such-session", "x")).isFalse();
    }

    @Test
    void stopReleasesThePort() throws Exception {
        int port = server.boundPort();
        server.stop();
        try (ServerSocket again = new ServerSocket(port, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    private static void awaitCount(List<?> list, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (list.size() < count && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        assertThat(list).hasSizeGreaterThanOrEqualTo(count);
    }

    @SuppressWarnings("unused")
    private static List<Integer> typesOf(List<RtmpMessage> messages) {
        List<Integer> types = new ArrayList<>();
        messages.forEach(m -> types.add(m.typeId()));
        return types;
    }
}
