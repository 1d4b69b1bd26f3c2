package dev.inlet.core;

/**
 * Where a stream stands.
 * <ul>
 *   <li>{@code IDLE}: no publisher has connected since the server started;</li>
 *   <li>{@code ACTIVE}: the primary input (priority 1) is live and feeding players;</li>
 *   <li>{@code DEGRADED}: players are fed by a lower-priority input, or a switch to a live input is
 *       waiting for its next keyframe;</li>
 *   <li>{@code EXHAUSTED}: inputs have published before but none is live now;</li>
 *   <li>{@code DISABLED}: switched off by an administrator: publishes are refused and live publishers
 *       were disconnected.</li>
 * </ul>
 */
public enum StreamState {
    IDLE, ACTIVE, DEGRADED, EXHAUSTED, DISABLED;

    /** The name as operators read it: {@code Active}, {@code Degraded}, … */
    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}
