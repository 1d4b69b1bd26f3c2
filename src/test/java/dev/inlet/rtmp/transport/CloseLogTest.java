package dev.inlet.rtmp.transport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

class CloseLogTest {

    private final Logger logger = Logger.getLogger(ConnectionFailures.class.getName());
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final AtomicLong now = new AtomicLong(5_000_000_000L);

    @BeforeEach
    void listen() {
        logger.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(capture);
    }

    @Test
    void aFloodLogsTheBudgetPerSecondAndThenSaysHowManyWereLeftOut() {
        ConnectionFailures failures = new ConnectionFailures(now::get);
        for (int i = 0; i < 1_000; i++) {
            failures.closed("10.0.0.1:" + i, "handshake_timeout", "handshake not completed within 10000 ms");
        }
        assertThat(lines).hasSize(ConnectionFailures.LOG_LINES_PER_SECOND);
        assertThat(failures.snapshot()).containsEntry("handshake_timeout", 1_000L);

        now.addAndGet(1_000_000_000L);
        failures.closed("10.0.0.2:1", "handshake_timeout", "handshake not completed within 10000 ms");

        assertThat(lines).hasSize(ConnectionFailures.LOG_LINES_PER_SECOND + 1);
        assertThat(lines.get(lines.size() - 1))
                .startsWith("closing 10.0.0.2:1: handshake not completed within 10000 ms (handshake_timeout)")
                .endsWith("990 more closed for the same reason were not logged");
    }

    @Test
    void eachReasonHasItsOwnBudget() {
        ConnectionFailures failures = new ConnectionFailures(now::get);
        for (int i = 0; i < 50; i++) {
            failures.closed("10.0.0.1:" + i, "handshake_timeout", "silent");
        }
        failures.closed("10.0.0.3:1", "slow_peer", "not reading");

        assertThat(lines).hasSize(ConnectionFailures.LOG_LINES_PER_SECOND + 1)
                .last().asString().isEqualTo("closing 10.0.0.3:1: not reading (slow_peer)");
    }
}
