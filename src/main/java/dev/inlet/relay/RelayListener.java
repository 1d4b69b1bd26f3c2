package dev.inlet.relay;

/** Hears every relay's state changes (the CDI layer: events, server-sent events). Must return quickly. */
public interface RelayListener {

    RelayListener NONE = (target, status) -> { };

    void stateChanged(RelayTarget target, RelayStatus status);
}
