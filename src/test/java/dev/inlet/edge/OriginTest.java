package dev.inlet.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The address a node advertises for edge pulls, as another node reads it from the database. */
class OriginTest {

    @Test
    void aHostAndPortAnIpv6LiteralAndANameAreRead() {
        assertThat(Origin.of("node-a", "10.0.0.1:1935", 1)).isEqualTo(new Origin("node-a", "10.0.0.1", 1935, 1));
        assertThat(Origin.of("node-b", "[2001:db8::7]:2935", 2)).isEqualTo(new Origin("node-b", "2001:db8::7", 2935, 2));
        assertThat(Origin.of("node-c", "ingest-3.example.org:1935", 1).host()).isEqualTo("ingest-3.example.org");
    }

    @Test
    void anAddressWithoutAUsablePortIsRefused() {
        for (String bad : new String[]{"10.0.0.1", "10.0.0.1:", ":1935", "host:0", "host:70000", "host:rtmp"}) {
            assertThatThrownBy(() -> Origin.of("node", bad, 1)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
