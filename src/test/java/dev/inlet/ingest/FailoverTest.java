package dev.inlet.ingest;

import dev.inlet.core.InMemoryRegistry;
import dev.inlet.core.IngestListener;
import dev.inlet.core.InputSwitch;
import dev.inlet.core.StreamKeys;
import dev.inlet.core.StreamState;

import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.client.RtmpClient;
import dev.inlet.rtmp.command.NetStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Primary/backup inputs and reconnects, seen by a player that stays connected throughout. */
class FailoverTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final String primaryKey = StreamKeys.generate();
    private final String backupKey = StreamKeys.generate();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private RtmpServer server;

    @BeforeEach
    void start() {
        registry.register("show", 1, primaryKey);
        registry.register("show", 2, backupKey);
        server = new RtmpServer(RtmpSettings.defaults().withHost("127.0.0.1").withPort(0)
                .withReconnectGrace(Duration.ofSeconds(5)), registry, Executors.defaultThreadFactory());
        server.setIngestListener(new IngestListener() {
            @Override
            public void streamStateChanged(String code, StreamState from, StreamState to) {
                events.add(to.name());
            }

            @Override
            public void inputSwitched(String code, InputSwitch change) {
                events.add("switch " + change.fromPriority() + "->" + change.toPriority() + " " + change.reason());
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void backupTakesOverAtItsKeyframeAndPrimaryComesBackWithOneContinuousTimeline() throws Exception {
        List<RtmpMessage> received = new CopyOnWriteArrayList<>();
        try (Publisher primary = new Publisher(primaryKey, 1); Publisher backup = new Publisher(backupKey, 2);
             RtmpClient player = Loopback.client(server, received::add)) {
            primary.header();
            primary.frame(true, 0);
            backup.header();
            backup.frame(true, 0);
            assertThat(server.streamStatus("show").state()).isEqualTo(StreamState.ACTIVE);
            assertThat(player.play(player.createStream(), "show").code()).isEqualTo(NetStatus.PLAY_START);
            primary.frame(false, 40);
            backup.frame(false, 40); // the backup is live but not what players see
            awaitFrames(received, 2, (byte) 1);

            primary.drop();
            await(() -> server.streamStatus("show").liveInputs().equals(List.of(2)));
            backup.frame(false, 80);   // not a keyframe: the switch waits
            backup.frame(true, 120);   // here players move to the backup
            backup.frame(false, 160);
            awaitFrames(received, 2, (byte) 2);
            assertThat(server.streamStatus("show").state()).isEqualTo(StreamState.DEGRADED);
            assertThat(server.streamStatus("show").activePriority()).isEqualTo(2);

            try (Publisher returning = new Publisher(primaryKey, 3)) {
                returning.header();
                returning.frame(false, 0); // failback waits for the primary's keyframe
                backup.frame(false, 200);
                awaitFrames(received, 3, (byte) 2); // the backup still feeds players until the switch
                returning.frame(true, 40);
                returning.frame(false, 80);
                awaitFrames(received, 2, (byte) 3);
                assertThat(server.streamStatus("show").state()).isEqualTo(StreamState.ACTIVE);
            }
        }
        List<RtmpMessage> video = received.stream()
                .filter(m -> m.typeId() == MessageTypes.VIDEO && m.payload()[1] == 1).toList();
        List<Integer> sources = video.stream().map(m -> (int) m.payload()[5]).toList();
        assertThat(sources).containsExactly(1, 1, 2, 2, 2, 3, 3);
        long previous = -1;
        for (RtmpMessage frame : video) {
            assertThat(frame.timestamp()).as("player timestamps never go back").isGreaterThan(previous);
            previous = frame.timestamp();
        }
        assertThat(events).containsSubsequence("ACTIVE", "DEGRADED", "switch 1->2 error", "switch 2->1 failback", "ACTIVE");
        assertThat(server.streamStatus("show").switches()).extracting(InputSwitch::reason)
                .containsSubsequence("error", "failback");
    }

    @Test
    void aPlayerThatStaysThroughAnEncoderReconnectSeesTimestampsContinue() throws Exception {
        List<RtmpMessage> received = new CopyOnWriteArrayList<>();
        try (RtmpClient player = Loopback.client(server, received::add)) {
            Publisher first = new Publisher(primaryKey, 1);
            first.header();
            first.frame(true, 5000);
            assertThat(player.play(player.createStream(), "show").code()).isEqualTo(NetStatus.PLAY_START);
            first.frame(false, 5040);
            awaitFrames(received, 2, (byte) 1);
            first.drop(); // no unpublish: the encoder lost its connection
            await(() -> server.streamStatus("show").state() == StreamState.EXHAUSTED);

            try (Publisher again = new Publisher(primaryKey, 2)) {
                again.header();
                again.frame(true, 0); // a restarted encoder starts its clock at 0
                again.frame(false, 40);
                awaitFrames(received, 2, (byte) 2);
            }
            assertThat(player.isClosedByServer()).isFalse();
        }
        List<RtmpMessage> video = received.stream()
                .filter(m -> m.typeId() == MessageTypes.VIDEO && m.payload()[1] == 1).toList();
        assertThat(video).extracting(m -> (int) m.payload()[5]).containsExactly(1, 1, 2, 2);
        assertThat(video.get(2).timestamp()).isGreaterThan(video.get(1).timestamp());
        assertThat(events).contains("switch 1->1 reconnect");
    }

    @Test
    void anAdministratorCanForceTheBackupAndDisableTheStream() throws Exception {
        try (Publisher primary = new Publisher(primaryKey, 1); Publisher backup = new Publisher(backupKey, 2)) {
            primary.header();
            primary.frame(true, 0);
            backup.header();
            assertThat(server.switchInput("show", 2)).isTrue();
            assertThat(server.switchInput("show", 3)).isFalse();
            backup.frame(true, 0);
            await(() -> server.streamStatus("show").activePriority() == 2);
            assertThat(server.streamStatus("show").switches()).last()
                    .satisfies(s -> assertThat(s.reason()).isEqualTo("manual"));

            server.setStreamEnabled("show", false);
            assertThat(primary.client.awaitServerClose(TIMEOUT)).isTrue();
            assertThat(backup.client.awaitServerClose(TIMEOUT)).isTrue();
            assertThat(server.streamStatus("show").state()).isEqualTo(StreamState.DISABLED);
            try (RtmpClient refused = Loopback.client(server, null)) {
                var status = refused.publish(refused.createStream(), primaryKey);
                assertThat(status.code()).isEqualTo(NetStatus.PUBLISH_BAD_NAME);
                assertThat(status.description()).contains("disabled");
            }
            server.setStreamEnabled("show", true);
            try (Publisher back = new Publisher(primaryKey, 3)) {
                assertThat(back.client.isClosedByServer()).isFalse();
            }
        }
    }

    /** An encoder on one key; its frames carry {@code source} in byte 5 so the player can tell them apart. */
    private final class Publisher implements AutoCloseable {
        final RtmpClient client;
        final int stream;
        final byte source;

        Publisher(String key, int source) throws IOException {
            client = Loopback.client(server, null);
            stream = client.createStream();
            assertThat(client.publish(stream, key).code()).isEqualTo(NetStatus.PUBLISH_START);
            this.source = (byte) source;
        }

        void header() throws IOException {
            client.sendMedia(stream, MessageTypes.VIDEO, 0, Loopback.AVC_HEADER);
        }

        void frame(boolean keyframe, long timestamp) throws IOException {
            byte[] body = {(byte) (keyframe ? 0x17 : 0x27), 1, 0, 0, 0, source, 0, 0, 0};
            client.sendMedia(stream, MessageTypes.VIDEO, timestamp, body);
        }

        /** The connection just goes away, as when an encoder's network fails. */
        void drop() throws IOException {
            client.close();
        }

        @Override
        public void close() throws IOException {
            client.close();
        }
    }

    private static void awaitFrames(List<RtmpMessage> received, int count, byte source) throws InterruptedException {
        await(() -> received.stream().filter(m -> m.typeId() == MessageTypes.VIDEO && m.payload().length > 5
                && m.payload()[1] == 1 && m.payload()[5] == source).count() >= count);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }

}
