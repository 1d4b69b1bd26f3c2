package dev.inlet.registry;

import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.client.RtmpClient;
import dev.inlet.rtmp.client.RtmpStatus;
import dev.inlet.rtmp.command.NetStatus;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The registry's database goes away (its data source now points at a port where no server
 * listens): new publishes are refused with a clear status, the running stream keeps flowing to its
 * player, and everything works again when the database is back.
 */
class DatabaseOutageTest {

    private static final byte[] AVC_HEADER = {0x17, 0, 0, 0, 0, 1, 0x64, 0, 0x1F, (byte) 0xFF, (byte) 0xE1, 0, 4,
            0x67, 0x64, 0, 0x1F, 1, 0, 2, 0x68, (byte) 0xEE};

    @Test
    void newPublishesAreRefusedWhileRunningStreamsGoOnAndRecoveryIsAutomatic() throws Exception {
        DataSource database = TestDatabase.POSTGRESQL.emptyDatabase();
        Seed seed = new Seed(database);
        String runningKey = seed.key("running", 1);
        String laterKey = seed.key("later", 1);
        int deadPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            deadPort = probe.getLocalPort(); // free once closed: nothing listens there
        }
        SwitchableDataSource dataSource = new SwitchableDataSource(database);
        // Time stands still for the leases, so the running stream's cannot expire during the outage; the
        // test runs the heartbeats itself (the scheduled one's real period is longer than the test).
        MutableClock clock = MutableClock.startingNow();
        RegistrySettings settings = RegistrySettings.defaults().withNodeId("n")
                .withLeaseTimeout(Duration.ofMinutes(10), Duration.ofMinutes(5));
        AtomicInteger framesPlayed = new AtomicInteger();
        try (RtmpNode node = new RtmpNode(dataSource, settings, Duration.ofSeconds(10), clock);
             RtmpClient publisher = node.client();
             RtmpClient player = node.client(message -> countVideo(message, framesPlayed))) {
            int stream = publisher.createStream();
            assertThat(publisher.publish(stream, runningKey).code()).isEqualTo(NetStatus.PUBLISH_START);
            publisher.sendMedia(stream, MessageTypes.VIDEO, 0, AVC_HEADER);
            assertThat(player.play(player.createStream(), "running").code()).isEqualTo(NetStatus.PLAY_START);

            dataSource.switchTo(TestDatabase.deadPostgres(deadPort));
            try (RtmpClient refused = node.client()) {
                RtmpStatus status = refused.publish(refused.createStream(), laterKey);
                assertThat(status.code()).isEqualTo(NetStatus.PUBLISH_BAD_NAME);
                assertThat(status.description()).contains("stream registry unavailable");
                assertThat(refused.awaitServerClose(Duration.ofSeconds(5))).isTrue();
            }
            // Several failed heartbeats later the running stream still flows to its player.
            int before = framesPlayed.get();
            for (int i = 1; i <= 20; i++) {
                publisher.sendMedia(stream, MessageTypes.VIDEO, i * 100L, new byte[]{0x17, 1, 0, 0, 0, (byte) i});
                if (i % 5 == 0) {
                    clock.advance(Duration.ofSeconds(5));
                    node.registry.heartbeat();
                }
            }
            await("frames played").atMost(Duration.ofSeconds(5)).until(() -> framesPlayed.get() >= before + 20);
            assertThat(publisher.isClosedByServer()).isFalse();
            assertThat(node.registry.isAvailable()).isFalse();

            dataSource.switchTo(database);
            try (RtmpClient recovered = node.client()) {
                assertThat(recovered.publish(recovered.createStream(), laterKey).code())
                        .isEqualTo(NetStatus.PUBLISH_START);
                assertThat(node.registry.isAvailable()).isTrue();
            }
            node.registry.heartbeat();
            // The running stream's lease was kept alive through the outage: it still holds its slot.
            assertThat(seed.holderOf("running", 1)).isPresent();
        }
    }

    private static void countVideo(RtmpMessage message, AtomicInteger frames) {
        if (message.typeId() == MessageTypes.VIDEO) {
            frames.incrementAndGet();
        }
    }

    /** A data source whose target can be swapped, as when a pool's database host goes down and comes back. */
    static final class SwitchableDataSource implements DataSource {
        private volatile DataSource target;

        SwitchableDataSource(DataSource target) {
            this.target = target;
        }

        void switchTo(DataSource next) {
            target = next;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return target.getConnection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return target.getConnection(user, password);
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
