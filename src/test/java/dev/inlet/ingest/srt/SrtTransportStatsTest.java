package dev.inlet.ingest.srt;

import dev.inlet.core.TransportStats;
import dev.inlet.srt.SrtStats;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SrtTransportStatsTest {

    @Test
    void everyFieldLandsInItsNeutralPlace() {
        SrtStats srt = new SrtStats(12.5, 1_000, 7, 0, 5, 2, 1_316_000, 4.2, 900.0, 65_800, 118, 120);

        assertThat(SrtTransportStats.of(srt)).isEqualTo(
                new TransportStats(12.5, 1_000, 7, 5, 2, 1_316_000, 118, 65_800, 4.2, 900.0, 120));
    }

    @Test
    void retransmissionsCountInTheDirectionTheConnectionCarriesMedia() {
        SrtStats sending = new SrtStats(1, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 120);

        assertThat(SrtTransportStats.of(sending).packetsRetransmitted()).isEqualTo(9);
    }

    @Test
    void noConnectionYetMeansNoStatistics() {
        assertThat(SrtTransportStats.read(null)).isEqualTo(Optional.empty());
    }
}
