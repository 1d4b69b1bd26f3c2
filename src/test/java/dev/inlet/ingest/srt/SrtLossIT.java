package dev.inlet.ingest.srt;

import dev.inlet.srt.SrtConnection;
import dev.inlet.srt.SrtLibrary;
import dev.inlet.srt.SrtListener;
import dev.inlet.srt.SrtStats;
import dev.inlet.srt.SrtVerdict;
import dev.inlet.testing.ExternalProcess;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SRT does its job on a bad network: ffmpeg publishes over SRT (latency 200 ms) through a relay that drops 5 % of
 * the datagrams in each direction and delays the rest by 20 ms, and the RTMP player's recording still decodes
 * without a single error, because libsrt retransmitted what was lost in time.
 *
 * <p>The retransmissions are read on both sides: from libsrt's own statistics of Inlet's connection
 * ({@link SrtConnection#stats()}), and from the relay, which sees the caller's data packets with SRT's
 * retransmission flag. {@code SrtServer} keeps its listener to itself, so this test runs the very same ingest
 * ({@link SrtPublishAdmission} on the server's stream core, the settings {@link SrtServer} uses) on a listener of its
 * own, whose admission remembers the accepted connection; that needs no accessor in the product code.
 */
class SrtLossIT extends SrtInteropBase {

    @Test
    void aPublishThroughALossyLinkIsRepairedByRetransmissionAndDecodesWithoutErrors() throws Exception {
        AtomicReference<SrtConnection> accepted = new AtomicReference<>();
        SrtPublishAdmission ingest = new SrtPublishAdmission(server.core(), SrtServer.ADMISSION_BOUND);
        SrtListener listener = new SrtListener(SrtLibrary.load().require(),
                SrtSettings.defaults().withAddress("127.0.0.1", 0).listenerSettings(), (peer, streamId) -> {
                    SrtVerdict verdict;
                    try {
                        verdict = ingest.decide(peer, streamId, dev.inlet.srt.SrtStreamId.parse(streamId));
                    } catch (dev.inlet.srt.InvalidStreamIdException e) {
                        return SrtVerdict.reject(e.rejectReason(), e.getMessage());
                    }
                    if (verdict instanceof SrtVerdict.Accept accept) {
                        return accept.withHandler(new SrtVerdict.ConnectionHandler() {
                            @Override
                            public SrtConnection.Listener connected(SrtConnection connection) {
                                accepted.set(connection);
                                return accept.handler().connected(connection);
                            }

                            @Override
                            public void handshakeFailed(String reason) {
                                accept.handler().handshakeFailed(reason);
                            }
                        });
                    }
                    return verdict;
                }, daemonThreads());
        listener.start();
        long seed = System.nanoTime();
        try (LossyUdpRelay relay = new LossyUdpRelay(new InetSocketAddress("127.0.0.1", listener.port()), 0.05, 20,
                seed)) {
            ExternalProcess publisher = start("srt-publisher", ffmpegTsPublish(
                    srtUrl(relay.port(), "publish:" + key, 200_000), 11, "320x240", "testsrc"));
            awaitLive(STREAM, publisher);
            Path recording = file("rtmp-player.flv");
            ExternalProcess player = start("rtmp-player", rtmpRecorder(STREAM, 7, recording, 5_000_000));
            assertSucceeds(player);

            assertThat(publisher.isAlive()).as("still publishing when the player is done: %s", publisher.describe())
                    .isTrue();
            SrtStats stats = accepted.get().stats();
            assertSucceeds(publisher);
            await().atMost(Duration.ofSeconds(10)).until(() -> listener.connectionCount() == 0);

            String context = "%s%nInlet's SRT stats: %s%n%s%n%s".formatted(relay, stats, publisher.describe(),
                    player.describe());
            System.out.printf("SrtLossIT: %s%nInlet's SRT stats: %s%n", relay, stats);
            assertThat(relay.failure()).as(context).isNull();
            assertThat(relay.dropped()).as("datagrams the relay dropped; %s", context).isPositive();
            assertThat(stats.packetsLost()).as("losses Inlet's libsrt detected; %s", context).isPositive();
            assertThat(stats.packetsReceivedRetransmitted())
                    .as("retransmissions Inlet's libsrt received; %s", context).isPositive();
            assertThat(relay.retransmittedDataPackets()).as("retransmissions the relay carried; %s", context)
                    .isPositive();
            assertThat(decodeErrors(recording)).as("decoding the recording; %s", context).isEmpty();
            assertHasVideoAndAudio(recording, 6.0, publisher, player);
        } finally {
            listener.stop();
        }
    }
}
