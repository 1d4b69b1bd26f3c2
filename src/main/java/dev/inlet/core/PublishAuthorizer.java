package dev.inlet.core;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The enterprise's own publish rules (CDI observers, webhooks). Runs off the connection's I/O
 * thread; the encoder waits for the answer, no other connection does.
 */
@FunctionalInterface
public interface PublishAuthorizer {

    PublishAuthorizer ALLOW_ALL = attempt -> java.util.concurrent.CompletableFuture.completedFuture(Optional.empty());

    /** Completes with a reason to deny the publish, or empty to allow it. */
    CompletionStage<Optional<String>> authorize(PublishAttempt attempt);
}
