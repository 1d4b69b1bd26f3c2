package dev.inlet.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.chunk.ProtocolControl;

/** The protocol control readers (Set Chunk Size, Window Acknowledgement Size, Set Peer Bandwidth…) on any payload. */
class ProtocolControlFuzzTest {

    private static final int MAX_CHUNK_SIZE = 64 * 1024;

    @FuzzTest
    void fuzz(byte[] payload) {
        FuzzContract.rtmp(() -> ProtocolControl.readUnsigned32(new RtmpMessage(MessageTypes.WINDOW_ACK_SIZE, 0, 0, payload)));
        FuzzContract.rtmp(() -> ProtocolControl.readLimitType(new RtmpMessage(MessageTypes.SET_PEER_BANDWIDTH, 0, 0, payload)));
        FuzzContract.rtmp(() -> {
            int size = ProtocolControl.readChunkSize(new RtmpMessage(MessageTypes.SET_CHUNK_SIZE, 0, 0, payload), MAX_CHUNK_SIZE);
            FuzzContract.check(size >= 1 && size <= MAX_CHUNK_SIZE, "accepted chunk size " + size + " outside 1.." + MAX_CHUNK_SIZE);
        });
    }
}
