package dev.inlet.rtmp.transport;

import org.glassfish.grizzly.nio.DefaultSelectorHandler;
import org.glassfish.grizzly.nio.SelectorRunner;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.Set;

/**
 * Grizzly's selector handler with a {@link ReadCoalescing} pause before each select of a busy selector thread. Only
 * {@code select} is changed (a method of Grizzly 4.0's API too, which Payara ships in place of ours); a
 * {@code Selector.wakeup()} during the pause makes the next select return at once, as before.
 */
final class CoalescingSelectorHandler extends DefaultSelectorHandler {

    private final ThreadLocal<ReadCoalescing> perThread;

    CoalescingSelectorHandler(Duration pause) {
        long pauseNanos = ReadCoalescing.pauseNanos(pause); // refused here, not on a selector thread
        this.perThread = ThreadLocal.withInitial(() -> new ReadCoalescing(pauseNanos));
    }

    @Override
    public Set<SelectionKey> select(SelectorRunner runner) throws IOException {
        ReadCoalescing coalescing = perThread.get();
        coalescing.beforeSelect();
        Set<SelectionKey> keys = super.select(runner);
        coalescing.afterSelect(keys.size());
        return keys;
    }
}
