package dev.inlet.api.sessions;

import java.util.List;

/** Every live session: encoders and players, oldest first. */
public record SessionList(List<PublisherSession> publishers, List<PlayerSession> players) {
}
