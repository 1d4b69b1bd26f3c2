package dev.inlet.ingest.srt;

import dev.inlet.core.StreamEncryption;
import dev.inlet.srt.SrtVerdict;

/** An admitted SRT caller's verdict, with its stream's own encryption where the stream has one. */
final class SrtVerdicts {

    private SrtVerdicts() {
    }

    static SrtVerdict accept(StreamEncryption encryption, SrtVerdict.ConnectionHandler handler) {
        return new SrtVerdict.Accept(encryption.passphrase(), handler);
    }
}
