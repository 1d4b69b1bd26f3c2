package dev.inlet.srt;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;

class SrtSockAddrTest {

    @Test
    void ipv4RoundTrips() throws Exception {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 8890);
        byte[] encoded = SockAddr.encode(address);
        assertThat(encoded).hasSize(SockAddr.IPV4_LENGTH);
        assertThat(encoded[2] & 0xff).as("port high byte first").isEqualTo(8890 >> 8);
        assertThat(SockAddr.decode(encoded)).contains(address);
    }

    @Test
    void ipv6RoundTrips() throws Exception {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getByName("2001:db8::5"), 65535);
        assertThat(SockAddr.encode(address)).hasSize(SockAddr.IPV6_LENGTH);
        assertThat(SockAddr.decode(SockAddr.encode(address))).contains(address);
    }

    @Test
    void unknownFamiliesAndShortBuffersDecodeToNothing() {
        assertThat(SockAddr.decode(new byte[4])).isEmpty();
        byte[] unix = new byte[SockAddr.IPV4_LENGTH];
        unix[0] = 1;
        assertThat(SockAddr.decode(unix)).isEmpty();
        assertThat(SockAddr.decode((com.sun.jna.Pointer) null)).isEmpty();
    }
}
