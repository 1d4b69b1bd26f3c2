package dev.inlet.core;

/** A key just made: the only moment its plaintext exists outside the encoder. */
public record CreatedKey(KeyRecord key, String plaintext) {

    @Override
    public String toString() {
        return "CreatedKey[" + key + ", plaintext=<hidden>]";
    }
}
