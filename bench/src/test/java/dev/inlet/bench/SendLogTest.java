package dev.inlet.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SendLogTest {

    @Test
    void findsMessagesByTypeAndTimestamp() {
        SendLog log = new SendLog(10);
        int video = log.record(9, 40, 5000, 111L);
        int audio = log.record(8, 40, 300, 222L);

        assertThat(log.sequenceOf(9, 40)).isEqualTo(video);
        assertThat(log.sequenceOf(8, 40)).isEqualTo(audio);
        assertThat(log.sentAtNanos(audio)).isEqualTo(222L);
        assertThat(log.payloadLength(video)).isEqualTo(5000);
        assertThat(log.sequenceOf(9, 41)).isEqualTo(-1);
        assertThat(log.lastSequence()).isEqualTo(audio);
    }

    @Test
    void stopsRecordingWhenFull() {
        SendLog log = new SendLog(1);
        log.record(9, 0, 1, 1L);

        assertThat(log.record(9, 33, 1, 2L)).isEqualTo(-1);
        assertThat(log.sequenceOf(9, 33)).isEqualTo(-1);
    }
}
