package dev.inlet.rtmp.transport;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionAdmissionTest {

    @Test
    void limitsHoldPerAddressAndInTotalAndFreeUpOnRelease() throws Exception {
        InetAddress a = InetAddress.getByName("10.0.0.1");
        InetAddress b = InetAddress.getByName("10.0.0.2");
        InetAddress c = InetAddress.getByName("10.0.0.3");
        ConnectionAdmission admission = new ConnectionAdmission(3, 2);
        assertThat(admission.admit(a)).isNull();
        assertThat(admission.admit(a)).isNull();
        assertThat(admission.admit(a)).isEqualTo(ConnectionAdmission.TOO_MANY_FROM_IP);
        assertThat(admission.admit(b)).isNull();
        assertThat(admission.admit(c)).isEqualTo(ConnectionAdmission.TOO_MANY);
        assertThat(admission.open()).isEqualTo(3);
        admission.release(a);
        assertThat(admission.admit(c)).isNull();
        admission.release(a);
        admission.release(b);
        admission.release(c);
        admission.release(c); // more releases than admits change nothing
        assertThat(admission.open()).isZero();
    }
}
