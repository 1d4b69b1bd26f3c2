package dev.inlet.ingest;

import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.client.RtmpClient;
import dev.inlet.rtmp.command.CommandMessage;
import dev.inlet.rtmp.command.NetStatus;
import dev.inlet.rtmp.transport.WriteMerging;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
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

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final byte[] AVC_HEADER = {0x17, 0, 0, 0, 0, 1, 0x64, 0, 0x1F, (byte) 0xFF, (byte) 0xE1, 0, 4,
            0x67, 0x64, 0, 0x1F, 1, 0, 2, 0x68, (byte) 0xEE};

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
        try (RtmpClient publisher = client(null)) {
            int stream = publisher.createStream();
            publisher.publish(stream, key);
            publisher.sendMedia(stream, MessageTypes.VIDEO, 0, AVC_HEADER);
            publisher.sendMedia(stream, MessageTypes.VIDEO, 0, frame(true, 1_000));
            awaitLive();
            try (RtmpClient player = client(received::add)) {
                assertThat(player.play(player.createStream(), "demo").code()).isEqualTo(NetStatus.PLAY_START);
                for (int i = 1; i <= 5; i++) {
                    publisher.sendMedia(stream, MessageTypes.VIDEO, i * 40L, frame(false, 500));
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
        try (RtmpClient publisher = client(null)) {
            int stream = publisher.createStream();
            publisher.publish(stream, key);
            awaitLive();
            try (RtmpClient player = client(received::add)) {
                assertThat(player.play(player.createStream(), "demo").code()).isEqualTo(NetStatus.PLAY_START);
                publisher.sendMedia(stream, MessageTypes.VIDEO, 0, AVC_HEADER);
                for (int i = 0; i < 3; i++) {
                    publisher.sendMedia(stream, MessageTypes.VIDEO, i * 40L, frame(i == 0, 30_000));
                }
                long deadline = System.nanoTime() + TIMEOUT.toNanos();
                while (videoOf(received).size() < 4 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertThat(videoOf(received)).as("90 KB merged went out long before the 30 s window")
                        .extracting(message -> message.payload().length).containsExactly(AVC_HEADER.length,
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

    private RtmpClient client(java.util.function.Consumer<RtmpMessage> media) throws IOException {
        return RtmpClient.connect("127.0.0.1", server.boundPort(), "live", TIMEOUT, media);
    }

    private void awaitLive() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (!server.isLive("demo") && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        assertThat(server.isLive("demo")).isTrue();
    }

    private static byte[] frame(boolean keyframe, int size) {
        byte[] body = new byte[size];
        body[0] = (byte) (keyframe ? 0x17 : 0x27);
        body[1] = 1;
        body[8] = (byte) (size - 9);
        body[9] = (byte) (keyframe ? 0x65 : 0x41);
        return body;
    }
}
