package dev.inlet.rtmp.chunk;

import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.RtmpMessage;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class SharedEncodingTest {

    private static final int CSID = 6;

    @Test
    void theSharedBytesAreTheChunksOfTheMessageEncodedOnce() {
        RtmpMessage frame = video(9_000);
        SharedEncoding shared = new SharedEncoding();

        ByteBuffer first = shared.encode(CSID, frame, 4096);
        ByteBuffer second = shared.encode(CSID, frame, 4096);

        assertThat(bytesOf(first)).isEqualTo(encoder(4096).encode(CSID, frame));
        assertThat(second).as("a duplicate of the same bytes, not a second encoding").isNotSameAs(first);
        assertThat(second.array()).isSameAs(first.array());
    }

    @Test
    void eachChunkSizeHasItsOwnEncodingAndADuplicateDoesNotMoveTheOthers() {
        RtmpMessage frame = video(9_000);
        SharedEncoding shared = new SharedEncoding();

        ByteBuffer large = shared.encode(CSID, frame, 4096);
        large.position(large.limit()); // a connection wrote it all
        ByteBuffer small = shared.encode(CSID, frame, 128);

        assertThat(bytesOf(small)).isEqualTo(encoder(128).encode(CSID, frame));
        assertThat(bytesOf(shared.encode(CSID, frame, 4096))).isEqualTo(encoder(4096).encode(CSID, frame));
    }

    private static ChunkEncoder encoder(int chunkSize) {
        ChunkEncoder encoder = new ChunkEncoder();
        encoder.setChunkSize(chunkSize);
        return encoder;
    }

    private static RtmpMessage video(int length) {
        byte[] payload = new byte[length];
        Arrays.fill(payload, (byte) 7);
        return new RtmpMessage(MessageTypes.VIDEO, 1, 40, payload);
    }

    private static byte[] bytesOf(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
