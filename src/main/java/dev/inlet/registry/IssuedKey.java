package dev.inlet.registry;

/**
 * A key just created: the only time its plaintext exists outside the encoder. Hand it to the
 * operator once and forget it; {@link #toString()} leaves it out so it cannot reach a log by accident.
 */
public record IssuedKey(KeyInfo info, String key) {

    @Override
    public String toString() {
        return "IssuedKey[" + info + ", key=" + info.prefix() + "…]";
    }
}
