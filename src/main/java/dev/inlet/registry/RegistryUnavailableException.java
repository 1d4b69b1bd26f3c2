package dev.inlet.registry;

import dev.inlet.core.RegistryException;

/** The stream registry's database cannot be reached; the encoder should retry later. */
public class RegistryUnavailableException extends RegistryException {
    public RegistryUnavailableException() {
        super("stream registry unavailable, try again later");
    }
}
