package dev.inlet.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class AddressBlocklistTest {

    private final AtomicLong clock = new AtomicLong();
    private final AddressBlocklist blocklist = new AddressBlocklist(new PublishBlocking(3, Duration.ofSeconds(60),
            Duration.ofSeconds(10), Duration.ofSeconds(35)), "publishes", clock::get);

    @Test
    void anAddressIsBlockedAtTheThresholdForTheFirstBlock() {
        fail("10.0.0.1", 2);
        assertThat(blocklist.blockedFor("10.0.0.1")).isEmpty();
        fail("10.0.0.1", 1);
        assertThat(blocklist.blockedFor("10.0.0.1")).contains(Duration.ofSeconds(10));
        assertThat(blocklist.blockedFor("10.0.0.2")).as("other addresses").isEmpty();
        assertThat(blocklist.blocked()).singleElement().satisfies(b -> {
            assertThat(b.address()).isEqualTo("10.0.0.1");
            assertThat(b.blocks()).isEqualTo(1);
        });
        advance(10_001);
        assertThat(blocklist.blockedFor("10.0.0.1")).isEmpty();
        assertThat(blocklist.blocked()).isEmpty();
    }

    @Test
    void failuresOutsideTheWindowDoNotAddUp() {
        fail("10.0.0.1", 2);
        advance(61_000);
        fail("10.0.0.1", 2);
        assertThat(blocklist.blockedFor("10.0.0.1")).isEmpty();
    }

    @Test
    void eachBlockInARowLastsTwiceAsLongUpToTheCap() {
        long[] expectedSeconds = {10, 20, 35, 35};
        for (long seconds : expectedSeconds) {
            fail("10.0.0.1", 3);
            assertThat(blocklist.blockedFor("10.0.0.1")).contains(Duration.ofSeconds(seconds));
            advance(seconds * 1000 + 1);
        }
    }

    @Test
    void anAddressCleanForTheLongestBlockStartsOver() {
        fail("10.0.0.1", 3);
        advance(10_001);
        advance(36_000);
        fail("10.0.0.1", 3);
        assertThat(blocklist.blockedFor("10.0.0.1")).contains(Duration.ofSeconds(10));
    }

    @Test
    void unblockLiftsTheBlockAndForgetsTheFailures() {
        fail("10.0.0.1", 3);
        assertThat(blocklist.unblock("10.0.0.1")).isTrue();
        assertThat(blocklist.blockedFor("10.0.0.1")).isEmpty();
        fail("10.0.0.1", 2);
        assertThat(blocklist.blockedFor("10.0.0.1")).isEmpty();
        assertThat(blocklist.unblock("10.0.0.9")).isFalse();
    }

    @Test
    void manyAddressesFailingOnceStayBounded() {
        for (int i = 0; i < AddressBlocklist.MAX_TRACKED + 500; i++) {
            blocklist.failed("10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255));
        }
        assertThat(blocklist.tracked()).isLessThanOrEqualTo(AddressBlocklist.MAX_TRACKED);
        advance(61_000);
        blocklist.failed("192.168.0.1");
        assertThat(blocklist.tracked()).as("quiet addresses forgotten once full").isEqualTo(1);
    }

    @Test
    void disabledBlocksNothing() {
        AddressBlocklist off = new AddressBlocklist(new PublishBlocking(0, Duration.ofSeconds(60),
                Duration.ofSeconds(10), Duration.ofSeconds(35)), "publishes", clock::get);
        for (int i = 0; i < 100; i++) {
            off.failed("10.0.0.1");
        }
        assertThat(off.blockedFor("10.0.0.1")).isEmpty();
    }

    @Test
    void itsOwnBlocksAreToldToTheListenerAndAnotherNodesBlockIsAppliedWithoutAnEcho() {
        List<BlockedAddress> told = new ArrayList<>();
        blocklist.setBlockListener(told::add);
        fail("10.0.0.1", 3);
        assertThat(told).singleElement().satisfies(b -> {
            assertThat(b.address()).isEqualTo("10.0.0.1");
            assertThat(b.blocks()).isEqualTo(1);
        });

        blocklist.applyBlock("10.0.0.2", Duration.ofSeconds(20), 2);
        assertThat(blocklist.blockedFor("10.0.0.2")).contains(Duration.ofSeconds(20));
        assertThat(told).as("an applied block is not told again").hasSize(1);
        blocklist.applyBlock("10.0.0.2", Duration.ofSeconds(5), 1);
        assertThat(blocklist.blockedFor("10.0.0.2")).as("a longer block is kept").contains(Duration.ofSeconds(20));
        blocklist.applyBlock("10.0.0.3", Duration.ZERO, 1);
        assertThat(blocklist.blockedFor("10.0.0.3")).as("an expired block is not applied").isEmpty();
        advance(20_001);
        assertThat(blocklist.blockedFor("10.0.0.2")).isEmpty();
    }

    private void fail(String address, int times) {
        for (int i = 0; i < times; i++) {
            blocklist.failed(address);
        }
    }

    private void advance(long millis) {
        clock.addAndGet(Duration.ofMillis(millis).toNanos());
    }
}
