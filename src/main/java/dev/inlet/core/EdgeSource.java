package dev.inlet.core;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where a stream that is not published on this node can come from: another node of the cluster, pulled once and
 * served from this node's hub. The stream core asks it for a reader of a stream that is not live here.
 */
public interface EdgeSource {

    /** No cluster: a stream is live here or nowhere. */
    EdgeSource NONE = streamCode -> CompletableFuture.completedFuture(false);

    /**
     * Starts pulling {@code streamCode} from the node that publishes it, or joins the pull already starting.
     * Completes with true once the stream's frames reach this node's hub, with false when no other node publishes
     * it (or the pull failed, which is logged). Never blocks the caller.
     */
    CompletionStage<Boolean> pull(String streamCode);
}
