package dev.inlet.rtmp.transport;

import org.glassfish.grizzly.memory.HeapBuffer;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class ReadBufferMemoryManagerTest {

    private final ReadBufferMemoryManager memory = new ReadBufferMemoryManager();

    @Test
    void readsOnOneThreadReuseOneArray() {
        HeapBuffer first = memory.allocate(1000);
        HeapBuffer second = memory.allocate(ReadBufferMemoryManager.READ_BUFFER_BYTES);

        assertThat(second.array()).isSameAs(first.array());
        assertThat(first.remaining()).isEqualTo(1000);
        assertThat(second.remaining()).isEqualTo(ReadBufferMemoryManager.READ_BUFFER_BYTES);
    }

    @Test
    void anotherThreadHasItsOwnArray() throws InterruptedException {
        byte[] mine = memory.allocate(10).array();
        AtomicReference<byte[]> theirs = new AtomicReference<>();
        Thread other = new Thread(() -> theirs.set(memory.allocate(10).array()));
        other.start();
        other.join();

        assertThat(theirs.get()).isNotNull().isNotSameAs(mine);
    }

    @Test
    void largerThanAReadIsAllocatedAfresh() {
        HeapBuffer big = memory.allocate(ReadBufferMemoryManager.READ_BUFFER_BYTES + 1);

        assertThat(big.remaining()).isEqualTo(ReadBufferMemoryManager.READ_BUFFER_BYTES + 1);
        assertThat(big.array()).isNotSameAs(memory.allocate(10).array());
    }
}
