package dev.inlet.media;

import java.io.ByteArrayOutputStream;
import java.util.function.Consumer;

/**
 * Reassembles the PES packets of one elementary PID from its TS packets. A PES ends when its PES_packet_length is
 * reached, or, with length 0 (unbounded, allowed for video), when the next one starts. After a packet loss the PES
 * being assembled is dropped and the assembler waits for the next unit start; so is a PES that grows past the cap.
 */
final class PesAssembler {

    static final int DEFAULT_MAX_PES_BYTES = 8 * 1024 * 1024;
    private static final int LENGTH_FIELD_END = 6;

    private final int maxBytes;
    private final Buffer buffer = new Buffer();
    private boolean assembling;
    private boolean randomAccess;
    private long dropped;

    PesAssembler(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Adds one payload-carrying packet; each complete PES goes to {@code sink} as its raw bytes. */
    void accept(TsPacket packet, Consumer<Complete> sink) {
        if (packet.payloadUnitStart()) {
            if (assembling) {
                finish(sink); // an unbounded PES (or a bounded one cut short) ends where the next begins
            }
            assembling = true;
            randomAccess = packet.randomAccess();
            buffer.reset();
        } else if (!assembling) {
            return;
        }
        if (buffer.size() + packet.payloadLength() > maxBytes) {
            drop();
            return;
        }
        buffer.write(packet.buffer(), packet.payloadOffset(), packet.payloadLength());
        int declared = declaredSize();
        if (declared > 0 && buffer.size() >= declared) {
            finish(sink);
        }
    }

    /** The PID lost packets: what was assembled is incomplete. */
    void drop() {
        if (assembling) {
            dropped++;
        }
        assembling = false;
        buffer.reset();
    }

    /** The end of the input: an unbounded PES is complete now. */
    void flush(Consumer<Complete> sink) {
        if (assembling) {
            finish(sink);
        }
    }

    /** PES packets dropped: interrupted by loss, over the cap, or shorter than their declared length. */
    long dropped() {
        return dropped;
    }

    /** A complete PES: its bytes (trimmed to PES_packet_length when bounded) and the start's random-access flag. */
    record Complete(byte[] bytes, boolean randomAccess) {
    }

    /** 6 + PES_packet_length, or 0 while unknown or unbounded. */
    private int declaredSize() {
        if (buffer.size() < LENGTH_FIELD_END) {
            return 0;
        }
        int length = buffer.byteAt(4) << 8 | buffer.byteAt(5);
        return length == 0 ? 0 : LENGTH_FIELD_END + length;
    }

    private void finish(Consumer<Complete> sink) {
        assembling = false;
        int declared = declaredSize();
        if (declared > 0 && buffer.size() < declared) {
            dropped++; // its last packets never came
            buffer.reset();
            return;
        }
        byte[] bytes = buffer.copy(declared > 0 ? declared : buffer.size());
        buffer.reset();
        sink.accept(new Complete(bytes, randomAccess));
    }

    /** A growable buffer that exposes its bytes for the length field without copying them. */
    private static final class Buffer extends ByteArrayOutputStream {

        int byteAt(int index) {
            return buf[index] & 0xFF;
        }

        byte[] copy(int length) {
            byte[] copy = new byte[length];
            System.arraycopy(buf, 0, copy, 0, length);
            return copy;
        }
    }
}
