package dev.inlet.core;

/**
 * One input of a stream: the stream's public code (what players play) and the priority of the key
 * that feeds it (1 = primary, 2 = backup, …).
 */
public record StreamSlot(String streamCode, int priority) {
}
