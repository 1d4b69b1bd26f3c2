package dev.inlet.events;

import dev.inlet.media.AVPacket;

/** A media access unit from a publisher; only built when someone observes this event. */
public record MediaReceived(String streamCode, AVPacket packet) {
}
