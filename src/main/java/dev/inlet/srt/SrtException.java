package dev.inlet.srt;

import java.io.IOException;

/** A libsrt call failed; the message names the call and libsrt's own description of the error. */
public final class SrtException extends IOException {

    SrtException(String message) {
        super(message);
    }

    /** An exception for {@code call}, with the calling thread's last libsrt error. */
    static SrtException lastError(LibSrt srt, String call) {
        return new SrtException(call + " failed: " + srt.srt_getlasterror_str());
    }
}
