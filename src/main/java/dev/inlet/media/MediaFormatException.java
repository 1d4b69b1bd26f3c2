package dev.inlet.media;

/**
 * Media bytes (an FLV tag body, a codec configuration record, an Annex-B or ADTS stream) do not
 * follow their format. These bytes usually come from the network, so every parser in this package
 * throws this exception, and nothing else, for malformed input.
 */
public class MediaFormatException extends RuntimeException {

    public MediaFormatException(String message) {
        super(message);
    }

    public MediaFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
