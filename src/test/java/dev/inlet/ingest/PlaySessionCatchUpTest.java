package dev.inlet.ingest;

import dev.inlet.core.CoreSettings;
import dev.inlet.core.InMemoryRegistry;
import dev.inlet.core.PlayInfo;
import dev.inlet.core.PlayTokenSecret;
import dev.inlet.core.PlayTokens;
import dev.inlet.core.ReadRequest;
import dev.inlet.core.Reading;
import dev.inlet.core.StreamCore;
import dev.inlet.hub.MediaFrame;
import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.chunk.SharedEncoding;
import dev.inlet.rtmp.session.RecordingSessionOutput;
import dev.inlet.rtmp.session.ServerSession;
import dev.inlet.rtmp.session.SessionOutput;
import dev.inlet.rtmp.session.SessionSettings;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A joining player's catch-up is written without holding up the frames the hub hands it meanwhile. */
class PlaySessionCatchUpTest {

    @Test
    void liveFramesArrivingWhileTheCatchUpIsWrittenDoNotWaitAndFollowIt() throws Exception {
        CountDownLatch firstWriteStarted = new CountDownLatch(1);
        CountDownLatch socketFree = new CountDownLatch(1);
        List<Long> written = new CopyOnWriteArrayList<>();
        SessionOutput slowSocket = new RecordingSessionOutput() {
            @Override
            public void send(int chunkStreamId, RtmpMessage message) {
                written.add(message.timestamp());
            }

            @Override
            public void sendShared(int chunkStreamId, RtmpMessage message, SharedEncoding shared) {
                firstWriteStarted.countDown();
                try {
                    socketFree.await(10, TimeUnit.SECONDS); // a socket that takes its time with the catch-up
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                written.add(message.timestamp());
            }
        };
        ServerSession session = new ServerSession(slowSocket, s -> null, SessionSettings.defaults());
        PlaySession player = new PlaySession(session, 1, new PlayInfo("127.0.0.1:5000", "live", "test", "demo"));
        Reading reading = admitted(player);
        // the hub's catch-up, delivered at subscribe time, before the play status
        player.writeFrame(MediaFrame.video(0, new byte[]{0x17, 1, 0, 0, 0, 1}, true, false));
        player.writeFrame(MediaFrame.video(33, new byte[]{0x27, 1, 0, 0, 0, 2}, false, false));

        CompletableFuture<Void> starting = CompletableFuture.runAsync(() -> player.started(reading));
        assertThat(firstWriteStarted.await(5, TimeUnit.SECONDS)).isTrue();
        // the publisher's thread hands in a live frame while the catch-up is being written: it must not wait
        CompletableFuture<Void> live = CompletableFuture.runAsync(() -> {
            try {
                player.writeFrame(MediaFrame.video(66, new byte[]{0x27, 1, 0, 0, 0, 3}, false, false));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        live.get(2, TimeUnit.SECONDS);
        socketFree.countDown();
        starting.get(5, TimeUnit.SECONDS);

        player.writeFrame(MediaFrame.video(100, new byte[]{0x27, 1, 0, 0, 0, 4}, false, false));
        assertThat(written).containsExactly(0L, 33L, 66L, 100L);
    }

    @Test
    void theCatchUpGoesOutWithTheFramesSharedEncodingsNotChunkedAgain() throws Exception {
        List<Object> sharedUsed = new CopyOnWriteArrayList<>();
        List<Long> chunkedAgain = new CopyOnWriteArrayList<>();
        SessionOutput socket = new RecordingSessionOutput() {
            @Override
            public void send(int chunkStreamId, RtmpMessage message) {
                chunkedAgain.add(message.timestamp());
            }

            @Override
            public void sendShared(int chunkStreamId, RtmpMessage message, SharedEncoding shared) {
                sharedUsed.add(shared);
            }
        };
        ServerSession session = new ServerSession(socket, s -> null, SessionSettings.defaults());
        MediaFrame key = MediaFrame.video(0, new byte[]{0x17, 1, 0, 0, 0, 1}, true, false);
        MediaFrame inter = MediaFrame.video(33, new byte[]{0x27, 1, 0, 0, 0, 2}, false, false);
        PlaySession first = new PlaySession(session, 1, new PlayInfo("127.0.0.1:5000", "live", "test", "demo"));
        PlaySession second = new PlaySession(session, 3, new PlayInfo("127.0.0.1:5001", "live", "test", "demo"));
        for (PlaySession player : List.of(first, second)) {
            player.writeFrame(key); // the hub's catch-up GOP, held until the play status is out
            player.writeFrame(inter);
            player.started(admitted(player));
        }

        assertThat(chunkedAgain).as("catch-up frames chunked per player").isEmpty();
        assertThat(sharedUsed).hasSize(4);
        assertThat(sharedUsed.get(0)).isSameAs(key.wireEncoding()).isSameAs(sharedUsed.get(2));
        assertThat(sharedUsed.get(1)).isSameAs(inter.wireEncoding()).isSameAs(sharedUsed.get(3));
    }

    /** A reader the stream core admitted, with a play function that feeds nothing (the test writes the frames). */
    /**
     * The transport closes a connection on a thread that may hold the connection's output lock, while a publisher's
     * thread holds the player's lock and waits for that output: the close must not wait for the player's lock (a
     * Payara Server undeploy deadlocked so).
     */
    @Test
    void closingAPlayerNeverWaitsForItsLockAndFreesItsSlotOnce() throws Exception {
        ServerSession session = new ServerSession(new RecordingSessionOutput(), s -> null, SessionSettings.defaults());
        PlaySession player = new PlaySession(session, 1, new PlayInfo("127.0.0.1:5001", "live", "test", "demo"));
        java.util.concurrent.atomic.AtomicInteger feedsClosed = new java.util.concurrent.atomic.AtomicInteger();
        StreamCore core = new StreamCore(CoreSettings.defaults(), new InMemoryRegistry(),
                new PlayTokens(PlayTokenSecret.random(), Clock.systemUTC()), Executors.defaultThreadFactory());
        core.setPlayFunc((name, info, p) -> feedsClosed::incrementAndGet);
        Reading reading = core.admitReader(new ReadRequest("rtmp", "demo", null, "c/" + System.nanoTime(), player.info()),
                player).toCompletableFuture().get(5, TimeUnit.SECONDS);
        player.started(reading);
        CompletableFuture<Void> closed;
        synchronized (player) { // as the publisher's thread does inside writeFrame
            closed = CompletableFuture.runAsync(() -> player.close("connection closed"));
            closed.get(2, TimeUnit.SECONDS);
        }
        assertThat(player.isOpen()).isFalse();
        player.close("again"); // idempotent
        assertThat(feedsClosed.get()).as("the feed is stopped, once").isEqualTo(1);
        assertThat(core.players()).as("the slot is freed").isEmpty();
        core.close();
    }

    private static Reading admitted(PlaySession player) throws Exception {
        StreamCore core = new StreamCore(CoreSettings.defaults(), new InMemoryRegistry(),
                new PlayTokens(PlayTokenSecret.random(), Clock.systemUTC()), Executors.defaultThreadFactory());
        core.setPlayFunc((name, info, p) -> () -> { });
        return core.admitReader(new ReadRequest("rtmp", "demo", null, "c/" + System.nanoTime(), player.info()), player)
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
}
