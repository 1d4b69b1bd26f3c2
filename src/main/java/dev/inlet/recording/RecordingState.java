package dev.inlet.recording;

/** Where a recording stands in the catalog. */
public enum RecordingState {
    /** Being written now (or left so by a crash until the node starts again and recovers it). */
    RECORDING,
    /** Ended with its publish and finalised into a progressive MP4. */
    FINISHED,
    /** Stopped by a write error, a full disk or a disk too slow to keep up; what was written is kept. */
    FAILED,
    /** Left unfinished by a crash and finalised from its fragments when the node started again. */
    RECOVERED;

    /** The name as operators read it: {@code Recording}, {@code Finished}, … */
    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether the recording's file is complete and will not change. */
    public boolean isFinal() {
        return this != RECORDING;
    }
}
