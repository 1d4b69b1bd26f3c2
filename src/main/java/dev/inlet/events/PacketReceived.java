package dev.inlet.events;

/** One audio (8), video (9) or data (18) message from a publisher: fired on the hot path. */
public record PacketReceived(String streamCode, int messageType, int bytes) {
}
