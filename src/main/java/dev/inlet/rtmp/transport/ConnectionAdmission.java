package dev.inlet.rtmp.transport;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts open connections, in total and per remote address, and says whether one more may be admitted.
 * One instance may be shared by several listeners (RTMP, RTMPS and SRT's {@code SharedConnectionLimit}), so the
 * limits hold for all of them together.
 */
public final class ConnectionAdmission {

    /** The per-reason counter labels of a refusal. */
    public static final String TOO_MANY = "too_many_connections";
    public static final String TOO_MANY_FROM_IP = "too_many_connections_from_ip";

    private final int maxTotal;
    private final int maxPerAddress;
    private final Map<InetAddress, Integer> perAddress = new HashMap<>();
    private int total;

    public ConnectionAdmission(int maxTotal, int maxPerAddress) {
        if (maxTotal < 1 || maxPerAddress < 1) {
            throw new IllegalArgumentException("connection limits must be positive: " + maxTotal + ", " + maxPerAddress);
        }
        this.maxTotal = maxTotal;
        this.maxPerAddress = maxPerAddress;
    }

    /** Admits a connection from {@code address} (counting it) or returns the refusal's counter label. */
    public synchronized String admit(InetAddress address) {
        if (total >= maxTotal) {
            return TOO_MANY;
        }
        int fromAddress = perAddress.getOrDefault(address, 0);
        if (fromAddress >= maxPerAddress) {
            return TOO_MANY_FROM_IP;
        }
        perAddress.put(address, fromAddress + 1);
        total++;
        return null;
    }

    /** An admitted connection from {@code address} has closed. */
    public synchronized void release(InetAddress address) {
        Integer fromAddress = perAddress.get(address);
        if (fromAddress == null) {
            return;
        }
        if (fromAddress <= 1) {
            perAddress.remove(address);
        } else {
            perAddress.put(address, fromAddress - 1);
        }
        total--;
    }

    /** Connections open now. */
    public synchronized int open() {
        return total;
    }

    public int maxTotal() {
        return maxTotal;
    }

    public int maxPerAddress() {
        return maxPerAddress;
    }
}
