package dev.inlet.deploy;

import java.nio.file.Path;

/** How an external command ended, with the file that holds its output. */
record CommandResult(String description, int exitCode, boolean timedOut, Path log) {

    boolean succeeded() {
        return !timedOut && exitCode == 0;
    }

    /** One paragraph for an assertion message: what ran, how it ended, and the end of its output. */
    String report() {
        String ending = timedOut ? "was killed after its time limit" : "exited with " + exitCode;
        return description + " " + ending + " (full output: " + log + ")\n" + LogTail.of(log, 40);
    }
}
