package dev.inlet.srt;

import com.sun.jna.Pointer;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * Linux {@code struct sockaddr_in} / {@code sockaddr_in6} to and from Java addresses. The family is a host-order
 * {@code sa_family_t}; port and address are in network order.
 */
final class SockAddr {

    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int IPV4_LENGTH = 16;
    static final int IPV6_LENGTH = 28;
    /** Room for either, as {@code sockaddr_storage} would give. */
    static final int MAX_LENGTH = 128;

    private SockAddr() {
    }

    static byte[] encode(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        if (ip == null) {
            throw new IllegalArgumentException("unresolved address " + address);
        }
        boolean v6 = ip instanceof Inet6Address;
        ByteBuffer out = ByteBuffer.allocate(v6 ? IPV6_LENGTH : IPV4_LENGTH);
        out.order(ByteOrder.nativeOrder()).putShort((short) (v6 ? AF_INET6 : AF_INET));
        out.order(ByteOrder.BIG_ENDIAN).putShort((short) address.getPort());
        if (v6) {
            out.putInt(0).put(ip.getAddress()).order(ByteOrder.nativeOrder())
                    .putInt(((Inet6Address) ip).getScopeId());
        } else {
            out.put(ip.getAddress());
        }
        return out.array();
    }

    /** The address at {@code sockaddr}, or empty for a null pointer or a family other than IPv4/IPv6. */
    static Optional<InetSocketAddress> decode(Pointer sockaddr) {
        if (sockaddr == null) {
            return Optional.empty();
        }
        int family = sockaddr.getShort(0) & 0xffff;
        int length = family == AF_INET ? IPV4_LENGTH : family == AF_INET6 ? IPV6_LENGTH : 0;
        return length == 0 ? Optional.empty() : decode(sockaddr.getByteArray(0, length));
    }

    static Optional<InetSocketAddress> decode(byte[] sockaddr) {
        if (sockaddr.length < IPV4_LENGTH) {
            return Optional.empty();
        }
        ByteBuffer in = ByteBuffer.wrap(sockaddr).order(ByteOrder.nativeOrder());
        int family = in.getShort() & 0xffff;
        int port = in.order(ByteOrder.BIG_ENDIAN).getShort() & 0xffff;
        try {
            if (family == AF_INET) {
                byte[] ip = new byte[4];
                in.get(ip);
                return Optional.of(new InetSocketAddress(Inet4Address.getByAddress(ip), port));
            }
            if (family == AF_INET6 && sockaddr.length >= IPV6_LENGTH) {
                in.getInt();
                byte[] ip = new byte[16];
                in.get(ip);
                int scope = in.order(ByteOrder.nativeOrder()).getInt();
                return Optional.of(new InetSocketAddress(Inet6Address.getByAddress(null, ip, scope), port));
            }
        } catch (UnknownHostException e) {
            // only for a wrong address length, excluded above
        }
        return Optional.empty();
    }
}
