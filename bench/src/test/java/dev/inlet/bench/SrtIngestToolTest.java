package dev.inlet.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SrtIngestToolTest {

    @Test
    void publishesWithTheAccessControlStreamId() {
        assertThat(SrtIngestTool.publishStreamId("k3y")).isEqualTo("#!::r=k3y,m=publish");
    }

    @Test
    void readsServerPidsInlineOrFromAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pids");
        Files.writeString(file, "101\n102\n\n103\n");

        assertThat(SrtIngestTool.parsePids("7,8")).containsExactly(7L, 8L);
        assertThat(SrtIngestTool.parsePids("@" + file)).containsExactly(101L, 102L, 103L);
    }

    @Test
    void encodesTheLoopbackSocketAddress() {
        byte[] address = SrtSender.loopback(18890); // 0x49CA
        boolean little = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

        assertThat(address).hasSize(16);
        assertThat(address[little ? 0 : 1]).isEqualTo((byte) 2); // AF_INET in host order
        assertThat(new byte[]{address[2], address[3]}).containsExactly(0x49, 0xCA);
        assertThat(new byte[]{address[4], address[5], address[6], address[7]}).containsExactly(127, 0, 0, 1);
    }
}
