package dev.inlet.rtmp.amf;

/**
 * The AMF {@code undefined} value, distinct from {@code null}. AMF0's "unsupported" marker
 * (0x0D) also decodes to it: the sender is saying "there was a value I could not encode",
 * which callers treat exactly like undefined.
 */
public enum AmfUndefined {
    INSTANCE
}
