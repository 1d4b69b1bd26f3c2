package dev.inlet.media;

import java.util.Arrays;

/**
 * Checks the 4-bit continuity_counter of every PID's payload-carrying packets (ISO/IEC 13818-1 section 2.4.3.3): the
 * next value is in order, the same value once more is a duplicate (sent for robustness, to be ignored), anything
 * else means packets were lost. A packet with the discontinuity_indicator may restart the counter.
 */
final class ContinuityCounters {

    enum Verdict { IN_ORDER, DUPLICATE, LOST }

    private static final byte UNKNOWN = -1;

    private final byte[] last;
    private final boolean[] duplicateSeen;
    private long errors;

    ContinuityCounters(int pids) {
        last = new byte[pids];
        duplicateSeen = new boolean[pids];
        Arrays.fill(last, UNKNOWN);
    }

    Verdict check(TsPacket packet) {
        int pid = packet.pid();
        int counter = packet.continuityCounter();
        int previous = last[pid];
        last[pid] = (byte) counter;
        if (previous == UNKNOWN || packet.discontinuity() || counter == ((previous + 1) & 0x0F)) {
            duplicateSeen[pid] = false;
            return Verdict.IN_ORDER;
        }
        if (counter == previous && !duplicateSeen[pid]) {
            duplicateSeen[pid] = true;
            return Verdict.DUPLICATE;
        }
        duplicateSeen[pid] = false;
        errors++;
        return Verdict.LOST;
    }

    /** The PID (re)starts: its first packet sets the counter. */
    void forget(int pid) {
        last[pid] = UNKNOWN;
        duplicateSeen[pid] = false;
    }

    long errors() {
        return errors;
    }
}
