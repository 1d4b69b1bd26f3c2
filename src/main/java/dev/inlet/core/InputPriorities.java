package dev.inlet.core;

/**
 * The one rule for input priorities, shared by every catalog and the API: 1 is the primary, 2 the first backup, up
 * to {@link #MAX}. One rule so that a key the API accepts is one every registry stores.
 */
public final class InputPriorities {

    /** The primary input. */
    public static final int PRIMARY = 1;
    /** More inputs than any failover chain needs; keeps the per-stream lease rows few. */
    public static final int MAX = 16;

    private InputPriorities() {
    }

    public static boolean isValid(int priority) {
        return priority >= PRIMARY && priority <= MAX;
    }

    /** What a refusal says. */
    public static String rule() {
        return "priority must be between " + PRIMARY + " (primary) and " + MAX;
    }
}
