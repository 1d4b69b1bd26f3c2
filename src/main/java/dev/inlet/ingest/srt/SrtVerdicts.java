package dev.inlet.ingest.srt;

import dev.inlet.core.StreamCore;
import dev.inlet.core.StreamEncryption;
import dev.inlet.srt.SrtVerdict;

import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** An admitted SRT caller's verdict, with its stream's own encryption where the stream has one. */
final class SrtVerdicts {

    private SrtVerdicts() {
    }

    static SrtVerdict accept(StreamEncryption encryption, SrtVerdict.ConnectionHandler handler) {
        return new SrtVerdict.Accept(encryption.passphrase(), handler);
    }

    /**
     * The verdict of a caller the core admitted to {@code stream}, once the stream's encryption is read; when it
     * cannot be read, {@code undo} gives back what the admission claimed and the stage fails with the core's refusal.
     */
    static CompletionStage<SrtVerdict> withStreamEncryption(StreamCore core, String stream, Runnable undo,
                                                            Function<StreamEncryption, SrtVerdict> verdict) {
        return core.streamEncryption(stream)
                .whenComplete((encryption, failure) -> {
                    if (failure != null) {
                        undo.run();
                    }
                })
                .thenApply(verdict);
    }
}
