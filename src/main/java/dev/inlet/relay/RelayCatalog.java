package dev.inlet.relay;

import dev.inlet.core.StreamNotFoundException;

import java.util.List;
import java.util.Optional;

/** Where relay targets are kept: the database (keys sealed) in the application, memory in tests. */
public interface RelayCatalog {

    /** The stream's targets, oldest first. */
    List<RelayTarget> targets(String stream) throws StreamNotFoundException;

    Optional<RelayTarget> find(String stream, String id);

    void add(RelayTarget target) throws StreamNotFoundException;

    /** Stores the new enabled flag; empty if there is no such target. */
    Optional<RelayTarget> setEnabled(String stream, String id, boolean enabled);

    boolean remove(String stream, String id);
}
