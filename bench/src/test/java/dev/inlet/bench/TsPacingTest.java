package dev.inlet.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TsPacingTest {

    private static final int VIDEO_PID = 0x100;
    private static final int AUDIO_PID = 0x101;

    /** A payload-only packet: no adaptation field, no PCR. */
    private static byte[] packet(int pid) {
        byte[] p = new byte[188];
        p[0] = 0x47;
        p[1] = (byte) (pid >> 8);
        p[2] = (byte) pid;
        p[3] = 0x10;
        return p;
    }

    /** A packet whose adaptation field carries {@code pcr} (27 MHz ticks). */
    private static byte[] pcrPacket(int pid, long pcr) {
        byte[] p = packet(pid);
        long base = pcr / 300;
        long extension = pcr % 300;
        p[3] = 0x30;
        p[4] = 7;
        p[5] = 0x10;
        p[6] = (byte) (base >> 25);
        p[7] = (byte) (base >> 17);
        p[8] = (byte) (base >> 9);
        p[9] = (byte) (base >> 1);
        p[10] = (byte) (((base & 1) << 7) | 0x7e | (extension >> 8));
        p[11] = (byte) extension;
        return p;
    }

    @Test
    void readsThePcrOfAnAdaptationField() {
        long pcr = 0x1_2345_6789L * 300 + 299; // uses the 33rd bit of the base and the 9-bit extension
        assertThat(TsPacing.pcrOf(pcrPacket(VIDEO_PID, pcr), 0)).isEqualTo(pcr);
        assertThat(TsPacing.pcrOf(packet(VIDEO_PID), 0)).isEqualTo(-1);
    }

    @Test
    void pacesMessagesBetweenPcrsAndLoopsAtTheAverageRate() {
        // PCR every 10 packets, 10 ms apart, starting at 1 s: one packet per millisecond; 30 packets in all
        ByteArrayOutputStream ts = new ByteArrayOutputStream();
        for (int i = 0; i < 30; i++) {
            boolean pcr = i % 10 == 0;
            ts.writeBytes(pcr ? pcrPacket(VIDEO_PID, 27_000_000L + i * 27_000L) : packet(AUDIO_PID));
        }
        TsPacing pacing = TsPacing.of(ts.toByteArray());

        assertThat(pacing.messageCount()).isEqualTo(5); // 4 × 7 packets + 2
        assertThat(pacing.message(0)).hasSize(1316);
        assertThat(pacing.message(4)).hasSize(2 * 188);
        assertThat(pacing.dueNanos(0)).isZero();
        assertThat(pacing.dueNanos(1)).isEqualTo(7_000_000L);  // packet 7, between the PCRs of packets 0 and 10
        assertThat(pacing.dueNanos(3)).isEqualTo(21_000_000L); // packet 21, after the last PCR (packet 20)
        assertThat(pacing.dueNanos(4)).isEqualTo(28_000_000L);
        assertThat(pacing.loopNanos()).isEqualTo(30_000_000L);
        assertThat(pacing.bitsPerSecond()).isCloseTo(188 * 8 * 1000.0, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void packetsBeforeTheFirstPcrAreDueWithItAndOnlyOnePidClocksTheFile() {
        ByteArrayOutputStream ts = new ByteArrayOutputStream();
        for (int i = 0; i < 14; i++) {
            ts.writeBytes(packet(0)); // PAT and friends before any PCR
        }
        ts.writeBytes(pcrPacket(VIDEO_PID, 0));
        for (int i = 0; i < 6; i++) {
            ts.writeBytes(pcrPacket(AUDIO_PID, 999_999_999L)); // a second PCR PID is ignored
        }
        ts.writeBytes(pcrPacket(VIDEO_PID, 27_000L * 7)); // 7 ms for 7 packets
        TsPacing pacing = TsPacing.of(ts.toByteArray());

        assertThat(pacing.dueNanos(0)).isZero();
        assertThat(pacing.dueNanos(1)).isZero();
        assertThat(pacing.dueNanos(2)).isEqualTo(0);     // packet 14: the first PCR
        assertThat(pacing.loopNanos()).isEqualTo(22_000_000L); // 22 packets at 1 ms each
    }

    @Test
    void continuesTheTimelineAcrossAPcrWrap() {
        long modulus = (1L << 33) * 300;
        ByteArrayOutputStream ts = new ByteArrayOutputStream();
        ts.writeBytes(pcrPacket(VIDEO_PID, modulus - 27_000L * 7));
        for (int i = 0; i < 6; i++) {
            ts.writeBytes(packet(AUDIO_PID));
        }
        ts.writeBytes(pcrPacket(VIDEO_PID, 0));
        TsPacing pacing = TsPacing.of(ts.toByteArray());

        assertThat(pacing.dueNanos(1)).isEqualTo(7_000_000L);
        assertThat(pacing.loopNanos()).isEqualTo(8_000_000L);
    }

    @Test
    void refusesWhatIsNotPaceable() {
        assertThatThrownBy(() -> TsPacing.of(new byte[100])).hasMessageContaining("188-byte");
        byte[] noSync = packet(VIDEO_PID);
        noSync[0] = 0;
        assertThatThrownBy(() -> TsPacing.of(noSync)).hasMessageContaining("0x47");
        assertThatThrownBy(() -> TsPacing.of(pcrPacket(VIDEO_PID, 0))).hasMessageContaining("two PCRs");
    }
}
