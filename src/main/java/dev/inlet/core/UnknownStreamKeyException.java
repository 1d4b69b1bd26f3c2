package dev.inlet.core;

/** No enabled stream has this key. */
public class UnknownStreamKeyException extends RegistryException {
    public UnknownStreamKeyException(String keyPrefix) {
        super("unknown stream key (" + keyPrefix + "…)");
    }
}
