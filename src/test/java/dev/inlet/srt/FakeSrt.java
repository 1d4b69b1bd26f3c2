package dev.inlet.srt;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link SrtConnection} over a stand-in for libsrt, for tests of what is sent and when outside this package: it
 * records every message sent, refuses sends while {@link #full} (libsrt's send buffer full) and counts closes.
 */
public final class FakeSrt {

    public final List<byte[]> sent = new CopyOnWriteArrayList<>();
    public final AtomicInteger closes = new AtomicInteger();
    public final AtomicInteger refusedSends = new AtomicInteger();
    public volatile boolean full;

    private final LibSrt library = (LibSrt) Proxy.newProxyInstance(LibSrt.class.getClassLoader(),
            new Class<?>[]{LibSrt.class}, (proxy, method, args) -> switch (method.getName()) {
                case "srt_sendmsg" -> send((byte[]) args[1], (int) args[2]);
                case "srt_close" -> {
                    closes.incrementAndGet();
                    yield 0;
                }
                case "srt_epoll_remove_usock" -> 0;
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                case "toString" -> "fake libsrt";
                default -> throw new UnsupportedOperationException(method.getName());
            });

    private int send(byte[] message, int length) {
        if (full) {
            refusedSends.incrementAndGet();
            return LibSrt.SRT_ERROR;
        }
        sent.add(Arrays.copyOf(message, length));
        return length;
    }

    /** A connection from 127.0.0.1:9000 whose sends and closes go to this stand-in. */
    public SrtConnection connection(String streamId) {
        return new SrtConnection(library, 7, 1, new InetSocketAddress(InetAddress.getLoopbackAddress(), 9000), streamId,
                closed -> { });
    }

    /** Everything sent, joined. */
    public byte[] sentBytes() {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        sent.forEach(joined::writeBytes);
        return joined.toByteArray();
    }
}
