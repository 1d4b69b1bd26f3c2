package dev.inlet.rtmp.transport;

/** Bytes that are already chunks on the wire; the codec filter passes them through. */
record EncodedChunks(byte[] bytes) {
}
