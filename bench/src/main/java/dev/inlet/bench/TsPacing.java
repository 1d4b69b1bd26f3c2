package dev.inlet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * An MPEG-TS file cut into live-mode SRT messages of seven 188-byte packets (1,316 bytes, what encoders send), each
 * with the moment it is due relative to the file's start, so a sender can replay it in real time and in a loop.
 *
 * <p>Time comes from the file's own clock: the PCRs of the first PID that carries one. A packet between two PCRs
 * is due at the linear interpolation of their times (the rate the muxer wrote at); packets before the first PCR are
 * due with it, those after the last continue at the last segment's rate. One loop lasts as long as the file plays
 * at its average PCR rate, so the next loop's first message follows the last one at the usual spacing.
 */
final class TsPacing {

    static final int PACKET_SIZE = 188;
    static final int PACKETS_PER_MESSAGE = 7;
    private static final int SYNC_BYTE = 0x47;
    private static final long PCR_MODULUS = (1L << 33) * 300;

    private final byte[][] messages;
    private final long[] dueNanos;
    private final long loopNanos;

    private TsPacing(byte[][] messages, long[] dueNanos, long loopNanos) {
        this.messages = messages;
        this.dueNanos = dueNanos;
        this.loopNanos = loopNanos;
    }

    static TsPacing load(Path file) throws IOException {
        return of(Files.readAllBytes(file));
    }

    static TsPacing of(byte[] ts) {
        if (ts.length < PACKET_SIZE || ts.length % PACKET_SIZE != 0) {
            throw new IllegalArgumentException("not a whole number of 188-byte TS packets: " + ts.length + " bytes");
        }
        int packets = ts.length / PACKET_SIZE;
        long[] pcrAt = new long[packets];
        Arrays.fill(pcrAt, -1);
        int pcrPid = -1;
        int pcrCount = 0;
        long previous = -1;
        long unwrapped = 0;
        for (int i = 0; i < packets; i++) {
            int at = i * PACKET_SIZE;
            if ((ts[at] & 0xff) != SYNC_BYTE) {
                throw new IllegalArgumentException("TS packet " + i + " does not start with 0x47");
            }
            int pid = ((ts[at + 1] & 0x1f) << 8) | (ts[at + 2] & 0xff);
            long pcr = pcrOf(ts, at);
            if (pcr < 0 || (pcrPid >= 0 && pid != pcrPid)) {
                continue;
            }
            pcrPid = pid;
            // 33-bit base: a wrap inside the file continues the timeline instead of jumping back
            unwrapped = previous < 0 ? pcr : unwrapped + Math.floorMod(pcr - previous, PCR_MODULUS);
            previous = pcr;
            pcrAt[i] = unwrapped;
            pcrCount++;
        }
        if (pcrCount < 2) {
            throw new IllegalArgumentException("the TS file needs at least two PCRs to be paced; it has " + pcrCount);
        }
        long[] packetNanos = interpolate(pcrAt);
        int first = firstPcr(pcrAt);
        int last = lastPcr(pcrAt);
        double nanosPerPacket = (packetNanos[last] - packetNanos[first]) / (double) (last - first);
        long loopNanos = Math.round(nanosPerPacket * packets);

        int count = (packets + PACKETS_PER_MESSAGE - 1) / PACKETS_PER_MESSAGE;
        byte[][] messages = new byte[count][];
        long[] due = new long[count];
        long origin = packetNanos[0];
        for (int m = 0; m < count; m++) {
            int from = m * PACKETS_PER_MESSAGE;
            int to = Math.min(packets, from + PACKETS_PER_MESSAGE);
            messages[m] = Arrays.copyOfRange(ts, from * PACKET_SIZE, to * PACKET_SIZE);
            due[m] = packetNanos[from] - origin;
        }
        return new TsPacing(messages, due, loopNanos);
    }

    int messageCount() {
        return messages.length;
    }

    byte[] message(int index) {
        return messages[index];
    }

    /** When message {@code index} of the first loop is due, in nanoseconds after the first message. */
    long dueNanos(int index) {
        return dueNanos[index];
    }

    /** How long one pass over the file lasts in real time. */
    long loopNanos() {
        return loopNanos;
    }

    /** Payload bits per second the file asks for. */
    double bitsPerSecond() {
        long bytes = 0;
        for (byte[] message : messages) {
            bytes += message.length;
        }
        return bytes * 8 * 1e9 / loopNanos;
    }

    /** The PCR of the packet at {@code at} in 27 MHz ticks, or -1 when it carries none. */
    static long pcrOf(byte[] ts, int at) {
        int adaptation = (ts[at + 3] >> 4) & 0x3;
        if (adaptation < 2 || (ts[at + 4] & 0xff) < 7 || (ts[at + 5] & 0x10) == 0) {
            return -1;
        }
        long base = ((ts[at + 6] & 0xffL) << 25) | ((ts[at + 7] & 0xffL) << 17) | ((ts[at + 8] & 0xffL) << 9)
                | ((ts[at + 9] & 0xffL) << 1) | ((ts[at + 10] & 0x80L) >> 7);
        long extension = ((ts[at + 10] & 0x01L) << 8) | (ts[at + 11] & 0xffL);
        return base * 300 + extension;
    }

    /** Every packet's time in nanoseconds from the PCRs at some of them (-1 elsewhere). */
    private static long[] interpolate(long[] pcrAt) {
        int packets = pcrAt.length;
        long[] nanos = new long[packets];
        int first = firstPcr(pcrAt);
        int last = lastPcr(pcrAt);
        int left = first;
        for (int i = 0; i < packets; i++) {
            if (i <= first) {
                nanos[i] = toNanos(pcrAt[first]);
                continue;
            }
            if (pcrAt[i] >= 0) {
                nanos[i] = toNanos(pcrAt[i]);
                left = i;
                continue;
            }
            int right = i < last ? nextPcr(pcrAt, i) : -1;
            if (right < 0) { // after the last PCR: the last segment's rate
                int before = previousPcr(pcrAt, last - 1);
                double rate = (toNanos(pcrAt[last]) - toNanos(pcrAt[before])) / (double) (last - before);
                nanos[i] = toNanos(pcrAt[last]) + Math.round(rate * (i - last));
            } else {
                double fraction = (i - left) / (double) (right - left);
                nanos[i] = toNanos(pcrAt[left]) + Math.round(fraction * (toNanos(pcrAt[right]) - toNanos(pcrAt[left])));
            }
        }
        return nanos;
    }

    private static long toNanos(long pcr) {
        return pcr / 27 * 1000 + (pcr % 27) * 1000 / 27;
    }

    private static int firstPcr(long[] pcrAt) {
        return nextPcr(pcrAt, 0);
    }

    private static int lastPcr(long[] pcrAt) {
        return previousPcr(pcrAt, pcrAt.length - 1);
    }

    private static int nextPcr(long[] pcrAt, int from) {
        for (int i = from; i < pcrAt.length; i++) {
            if (pcrAt[i] >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static int previousPcr(long[] pcrAt, int from) {
        for (int i = from; i >= 0; i--) {
            if (pcrAt[i] >= 0) {
                return i;
            }
        }
        return -1;
    }
}
