package dev.inlet.edge;

import java.util.Optional;

/** Finds the node a stream is published on. May block (a database query): it runs on the edge's own threads. */
@FunctionalInterface
public interface OriginLocator {

    /**
     * The other node that publishes the stream's best live input; empty when no live node does, or when this node
     * does (then there is nothing to pull).
     *
     * @throws Exception when the cluster cannot be asked now (the edge tries again)
     */
    Optional<Origin> locate(String streamCode) throws Exception;
}
