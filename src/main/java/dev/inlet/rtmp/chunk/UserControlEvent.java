package dev.inlet.rtmp.chunk;

/**
 * One parsed User Control event (RTMP 1.0, 7.1.7).
 *
 * @param eventType the event type (see the constants in {@link UserControl})
 * @param value1    the first 32-bit field as an unsigned number: a stream id, or the time of a ping; 0 if absent
 * @param value2    the second 32-bit field (the buffer length of Set Buffer Length); 0 if absent
 */
public record UserControlEvent(int eventType, long value1, long value2) {
}
