package dev.inlet.core;

/** Another publisher already holds the slot this key feeds. */
public class StreamAlreadyActiveException extends RegistryException {
    public StreamAlreadyActiveException(StreamSlot slot) {
        super("stream " + slot.streamCode() + " is already publishing (input " + slot.priority() + ")");
    }
}
