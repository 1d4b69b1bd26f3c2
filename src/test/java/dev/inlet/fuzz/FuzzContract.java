package dev.inlet.fuzz;

import dev.inlet.media.MediaFormatException;
import dev.inlet.rtmp.RtmpProtocolException;

/**
 * The contract every fuzz target checks: a parser fed hostile bytes either returns or throws its one documented
 * exception. Anything else escaping (an index out of bounds, a negative array size, OutOfMemoryError,
 * StackOverflowError, a ClassCastException…) reaches Jazzer, which reports it as a finding.
 */
final class FuzzContract {

    private FuzzContract() {
    }

    /** Runs an rtmp-package parser; {@link RtmpProtocolException} is its documented answer to bad bytes. */
    static void rtmp(Runnable parse) {
        try {
            parse.run();
        } catch (RtmpProtocolException expected) {
            // the documented rejection
        }
    }

    /** Runs a media-package parser; {@link MediaFormatException} is its documented answer to bad bytes. */
    static void media(Runnable parse) {
        try {
            parse.run();
        } catch (MediaFormatException expected) {
            // the documented rejection
        }
    }

    /** Runs a parser and tells whether it rejected the input with {@link RtmpProtocolException}. */
    static boolean rejectsRtmp(Runnable parse) {
        try {
            parse.run();
            return false;
        } catch (RtmpProtocolException expected) {
            return true;
        }
    }

    /** Throws an {@link AssertionError} (a finding) when a property that must hold for every input does not. */
    static void check(boolean property, String description) {
        if (!property) {
            throw new AssertionError(description);
        }
    }
}
