package dev.inlet.rtmp.transport;

import java.nio.ByteBuffer;

/** Bytes that are already chunks on the wire (this connection's own view of shared bytes); the codec filter passes them through. */
record EncodedChunks(ByteBuffer bytes) {
}
