package dev.inlet.core;

/** Thrown by a {@link PlayFunc} that has nothing to play under the requested name. */
public class StreamNotFoundException extends Exception {
    public StreamNotFoundException(String streamName) {
        super("stream " + streamName + " is not live");
    }
}
