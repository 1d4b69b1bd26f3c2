package dev.inlet.media;

import java.util.function.Consumer;

/**
 * Cuts a byte stream, delivered in chunks of any size, into 188-byte TS packets. While in sync a packet is taken
 * where the previous one ended; when the byte there is not the sync byte, the reader skips to the next position
 * whose sync byte is confirmed by another one a packet later, so a 0x47 inside a payload does not fool it. The
 * result depends only on the bytes, never on where the chunks were split. Keeps at most two packets' worth of bytes.
 */
public final class TsPacketReader {

    private static final int SIZE = TsPacket.SIZE;

    private final byte[] pending = new byte[2 * SIZE];
    private int pendingLength;
    private boolean inSync = true;
    private long syncLosses;
    private long skippedBytes;

    /** Reads {@code length} bytes at {@code offset} and hands every complete packet (sync byte first) to {@code sink}. */
    public void feed(byte[] data, int offset, int length, Consumer<byte[]> sink) {
        if (offset < 0 || length < 0 || offset > data.length - length) {
            throw new IndexOutOfBoundsException("chunk of " + length + " bytes at " + offset + " in " + data.length);
        }
        int position = offset;
        int end = offset + length;
        while (position < end) {
            int take = Math.min(pending.length - pendingLength, end - position);
            System.arraycopy(data, position, pending, pendingLength, take);
            pendingLength += take;
            position += take;
            drain(sink);
        }
    }

    /** Sync losses seen (each a place where the stream had to be searched for the next packet). */
    public long syncLosses() {
        return syncLosses;
    }

    /** Bytes thrown away while searching for sync. */
    public long skippedBytes() {
        return skippedBytes;
    }

    private void drain(Consumer<byte[]> sink) {
        int start = 0;
        while (pendingLength - start >= SIZE) {
            if (inSync && (pending[start] & 0xFF) == TsPacket.SYNC_BYTE) {
                byte[] packet = new byte[SIZE];
                System.arraycopy(pending, start, packet, 0, SIZE);
                start += SIZE;
                sink.accept(packet);
                continue;
            }
            if (inSync) {
                inSync = false;
                syncLosses++;
            }
            // Needs the byte one packet later to confirm a candidate; wait for it when it has not arrived.
            if (pendingLength - start < SIZE + 1) {
                break;
            }
            if ((pending[start] & 0xFF) == TsPacket.SYNC_BYTE && (pending[start + SIZE] & 0xFF) == TsPacket.SYNC_BYTE) {
                inSync = true;
            } else {
                start++;
                skippedBytes++;
            }
        }
        System.arraycopy(pending, start, pending, 0, pendingLength - start);
        pendingLength -= start;
    }
}
