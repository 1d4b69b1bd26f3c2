package dev.inlet.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.inlet.rtmp.handshake.HandshakeServer;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The server handshake on whatever a client sends as C0+C1 and C2. The transport frames exactly
 * {@value HandshakeServer#C0C1_LENGTH} and {@value HandshakeServer#C2_LENGTH} bytes, so the input is cut (or
 * zero-padded) to those lengths: input = C0 C1 C2.
 */
class HandshakeServerFuzzTest {

    @FuzzTest
    void fuzz(byte[] input) {
        byte[] c0c1 = Arrays.copyOf(input, HandshakeServer.C0C1_LENGTH);
        byte[] c2 = Arrays.copyOfRange(input, Math.min(input.length, HandshakeServer.C0C1_LENGTH),
                Math.min(input.length, HandshakeServer.C0C1_LENGTH) + HandshakeServer.C2_LENGTH);
        HandshakeServer server = new HandshakeServer(new SplittableRandom(7));
        FuzzContract.rtmp(() -> {
            byte[] response = server.respondToC0C1(c0c1);
            FuzzContract.check(response.length == HandshakeServer.S0S1S2_LENGTH && response[0] == 3,
                    "S0+S1+S2 must be " + HandshakeServer.S0S1S2_LENGTH + " bytes starting with version 3");
            server.kind();
            server.acceptC2(c2);
        });
    }
}
