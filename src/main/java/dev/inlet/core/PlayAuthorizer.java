package dev.inlet.core;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The enterprise's own play rules (CDI observers, the on_play hook). Runs off the connection's I/O thread; the
 * reader waits for the answer, no other connection does.
 */
@FunctionalInterface
public interface PlayAuthorizer {

    PlayAuthorizer ALLOW_ALL = attempt -> CompletableFuture.completedFuture(Optional.empty());

    /** Completes with a reason to deny the play, or empty to allow it. */
    CompletionStage<Optional<String>> authorize(PlayAttempt attempt);

    /** Asks this authoriser, then {@code next} if this one allowed. */
    default PlayAuthorizer andThen(PlayAuthorizer next) {
        return attempt -> authorize(attempt).thenCompose(denial -> denial.isPresent()
                ? CompletableFuture.completedFuture(denial) : next.authorize(attempt));
    }
}
