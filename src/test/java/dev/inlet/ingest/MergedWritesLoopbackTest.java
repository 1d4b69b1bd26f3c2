package dev.inlet.ingest;

import dev.inlet.core.InMemoryRegistry;
import dev.inlet.core.StreamKeys;

import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.client.RtmpClient;
import dev.inlet.rtmp.command.CommandMessage;
import dev.inlet.rtmp.command.NetStatus;
import dev.inlet.rtmp.transport.WriteMerging;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Media written to players in merged batches (long merge windows, so that only the rules under test can make
 * anything arrive early): a status sent after media never overtakes it, and a burst larger than the
 * write-at-once size goes out without waiting for the window.
 */
class MergedWritesLoopbackTest {


    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final String key = StreamKeys.generate();
    private RtmpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void theEndOfTheStreamReachesAPlayerOnlyAfterEveryFrameMergedBeforeIt() throws Exception {
        start(Duration.ofSeconds(3));
        List<RtmpMessage> received = new CopyOnWriteArrayList<>();
        try (RtmpClient publisher = Loopback.client(server, null)) {
            int stream = publisher.createStream();
            publisher.publish(stream, key);
            publisher.sendMedia(stream, MessageTypes.VIDEO, 0, Loopback.AVC_HEADER);
            publisher.sendMedia(stream, MessageTypes.VIDEO, 0, Loopback.avcFrame(true, 1_000));
            Loopback.awaitLive(server);
            try (RtmpClient player = Loopback.client(server, received::add)) {
                assertThat(player.play(player.createStream(), "demo").code()).isEqualTo(NetStatus.PLAY_START);
                for (int i = 1; i <= 5; i++) {
                    publisher.sendMedia(stream, MessageTypes.VIDEO, i * 40L, Loopback.avcFrame(false, 500));
                }
                publisher.unpublish(stream, key);

                // The client hands media to the listener as it reads it, before it queues a later command.
                CommandMessage unpublished = player.awaitCommand(command -> command.name().equals("onStatus")
                        && NetStatus.PLAY_UNPUBLISH_NOTIFY.equals(NetStatus.codeOf(command.arguments().get(0))));
                assertThat(unpublished).isNotNull();
                assertThat(received).as("the header, the keyframe and the five frames, before the status")
                        .filteredOn(message -> message.typeId() == MessageTypes.VIDEO)
                        .extracting(RtmpMessage::timestamp).containsExactly(0L, 0L, 40L, 80L, 120L, 160L, 200L);
            }
        }
    }

    @Test
    void aBurstLargerThanTheWriteAtOnceSizeDoesNotWaitForTheWindow() throws Exception {
        start(Duration.ofSeconds(30));
        List<RtmpMessage> received = new CopyOnWriteArrayList<>();
        try (RtmpClient publisher = Loopback.client(server, null)) {
            int stream = publisher.createStream();
            publisher.publish(stream, key);
            Loopback.awaitLive(server);
            try (RtmpClient player = Loopback.client(server, received::add)) {
                assertThat(player.play(player.createStream(), "demo").code()).isEqualTo(NetStatus.PLAY_START);
                publisher.sendMedia(stream, MessageTypes.VIDEO, 0, Loopback.AVC_HEADER);
                for (int i = 0; i < 3; i++) {
                    publisher.sendMedia(stream, MessageTypes.VIDEO, i * 40L, Loopback.avcFrame(i == 0, 30_000));
                }
                long deadline = System.nanoTime() + Loopback.TIMEOUT.toNanos();
                while (videoOf(received).size() < 4 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertThat(videoOf(received)).as("90 KB merged went out long before the 30 s window")
                        .extracting(message -> message.payload().length).containsExactly(Loopback.AVC_HEADER.length,
                                30_000, 30_000, 30_000);
            }
        }
    }

    private static List<RtmpMessage> videoOf(List<RtmpMessage> messages) {
        return messages.stream().filter(message -> message.typeId() == MessageTypes.VIDEO).toList();
    }

    private void start(Duration window) {
        registry.register("demo", key);
        server = new RtmpServer(RtmpSettings.defaults().withHost("127.0.0.1").withPort(0)
                .withWriteMerging(new WriteMerging(window, 1)), registry, Executors.defaultThreadFactory());
        server.start();
    }

}
