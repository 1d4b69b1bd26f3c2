package dev.inlet.registry;

import dev.inlet.core.RegistryException;

/** The key is valid but an administrator has switched its stream off. */
public class StreamDisabledException extends RegistryException {
    public StreamDisabledException(String streamCode) {
        super("stream " + streamCode + " is disabled");
    }
}
