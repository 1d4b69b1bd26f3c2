package dev.inlet.rtmp.transport;

import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.chunk.ChunkEncoder;
import dev.inlet.rtmp.chunk.ChunkLimits;
import dev.inlet.rtmp.chunk.ProtocolControl;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class CarryingChunkReaderTest {

    /** A publisher's stream: Set Chunk Size 4096, then audio and video (some keyframe-sized) on several csids. */
    private static final class Wire {
        final List<RtmpMessage> sent = new ArrayList<>();
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final ChunkEncoder encoder = new ChunkEncoder();

        void send(int csid, RtmpMessage message) {
            sent.add(message);
            bytes.writeBytes(encoder.encode(csid, message));
            if (message.typeId() == MessageTypes.SET_CHUNK_SIZE) {
                encoder.setChunkSize(ProtocolControl.readInt32(message));
            }
        }
    }

    private static Wire publisherStream(Random random) {
        Wire wire = new Wire();
        wire.send(2, ProtocolControl.setChunkSize(4096));
        int[] csids = {4, 6, 70, 400}; // one-, two- and three-byte basic headers
        for (int i = 0; i < 200; i++) {
            int length = i % 25 == 0 ? 100_000 + random.nextInt(200_000) // keyframes, across many chunks and reads
                    : i % 3 == 0 ? random.nextInt(400) : random.nextInt(20_000);
            byte[] payload = new byte[length];
            random.nextBytes(payload);
            int type = i % 3 == 0 ? MessageTypes.AUDIO : MessageTypes.VIDEO;
            wire.send(csids[i % csids.length], new RtmpMessage(type, 1, i * 33L, payload));
        }
        return wire;
    }

    @Test
    void randomReadBoundariesInOneReusedBufferGiveEveryMessageIntact() {
        Random random = new Random(11);
        for (int round = 0; round < 20; round++) {
            Wire wire = publisherStream(random);
            byte[] stream = wire.bytes.toByteArray();
            CarryingChunkReader reader = new CarryingChunkReader(ChunkLimits.defaults());
            List<RtmpMessage> received = new ArrayList<>();
            // like ReadBufferMemoryManager: every read lands in the same array, overwritten by the next one
            byte[] readBuffer = new byte[ReadBufferMemoryManager.READ_BUFFER_BYTES];
            int offset = 0;
            while (offset < stream.length) {
                int length = Math.min(stream.length - offset, 1 + random.nextInt(random.nextBoolean() ? 40 : 65_536));
                Arrays.fill(readBuffer, (byte) 0x5A); // what the previous read left there must not matter
                System.arraycopy(stream, offset, readBuffer, 0, length);
                ByteBuffer read = ByteBuffer.wrap(readBuffer, 0, length);
                reader.read(read, received::add);
                assertThat(read.hasRemaining()).as("a read is consumed whole").isFalse();
                offset += length;
            }
            // checked at the end: a payload handed on earlier must not share the reused read buffer or the carry
            assertThat(received).hasSameSizeAs(wire.sent);
            for (int i = 0; i < received.size(); i++) {
                RtmpMessage expected = wire.sent.get(i);
                RtmpMessage actual = received.get(i);
                assertThat(actual.typeId()).isEqualTo(expected.typeId());
                assertThat(actual.timestamp()).isEqualTo(expected.timestamp());
                assertThat(actual.payload()).as("message %d", i).isEqualTo(expected.payload());
            }
            assertThat(reader.carried()).isZero();
            assertThat(reader.bytesConsumed()).isEqualTo(stream.length);
        }
    }

    @Test
    void anIncompleteChunkIsCarriedAndCountedOnlyOnceComplete() {
        Wire wire = new Wire();
        byte[] payload = new byte[300];
        new Random(3).nextBytes(payload);
        wire.send(4, new RtmpMessage(MessageTypes.VIDEO, 1, 40, payload)); // chunk size 128: three chunks
        byte[] stream = wire.bytes.toByteArray();
        CarryingChunkReader reader = new CarryingChunkReader(ChunkLimits.defaults());
        List<RtmpMessage> received = new ArrayList<>();

        reader.read(ByteBuffer.wrap(stream, 0, 5), received::add); // half a header
        assertThat(reader.carried()).isEqualTo(5);
        assertThat(reader.bytesConsumed()).isZero();

        reader.read(ByteBuffer.wrap(stream, 5, 200), received::add); // the first chunk and part of the second
        assertThat(reader.bytesConsumed()).isEqualTo(12 + 128);
        assertThat(reader.carried()).isEqualTo(205 - 140);

        reader.read(ByteBuffer.wrap(stream, 205, stream.length - 205), received::add);
        assertThat(received).singleElement().satisfies(m -> assertThat(m.payload()).isEqualTo(payload));
        assertThat(reader.carried()).isZero();
    }
}
