package dev.inlet.core;

/** A publish the registry refuses; the message is safe to send to the encoder (it never contains the key). */
public abstract class RegistryException extends Exception {
    protected RegistryException(String message) {
        super(message);
    }
}
