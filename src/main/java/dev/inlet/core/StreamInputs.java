package dev.inlet.core;

import dev.inlet.hub.MediaFrame;
import dev.inlet.hub.StreamHub;
import dev.inlet.hub.DecoderSetup;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The inputs of one stream (primary, backup, …) and which of them feeds the players.
 *
 * <p>Every input's frames come in; only the active input's reach the hub. When the active input ends,
 * the best remaining input takes over at its next keyframe; when a better input comes (back), players
 * are switched to it at its next keyframe. At a switch the new input's metadata and sequence headers
 * go out first, and its timestamps are shifted to continue right after the last one players saw, so
 * one continuous stream reaches them however often the source changes.
 *
 * <p>Timestamps coming in are already continuous per input (each publish has its own timeline).
 *
 * <p>Inputs are kept by slot: a local publisher of priority p has slot 2p, an edge pull carrying another node's
 * input of priority p has slot 2p + 1. So the order is the priority, a local input is preferred to a pull of the
 * same priority, and a primary that reconnects here while the pull of its old lease is still ending cannot collide
 * with it.
 */
final class StreamInputs {

    /** What the server is told about this stream's lifecycle. */
    interface Observer {
        void stateChanged(String streamCode, StreamState from, StreamState to);

        void switched(String streamCode, InputSwitch change);

        /**
         * The input that feeds the players became one of this node's publishers ({@code local}) or a pull of another
         * node's; told at the first activation of each hub and at every change between the two.
         */
        default void activeSourceChanged(String streamCode, boolean local) {
        }
    }

    private static final int SWITCH_HISTORY = 32;

    /** The slot of a publisher of this node. */
    static int localSlot(int priority) {
        return priority * 2;
    }

    /** The slot of an edge pull of another node's input of this priority. */
    static int edgeSlot(int priority) {
        return priority * 2 + 1;
    }

    private static int priorityOf(int slot) {
        return slot >> 1;
    }

    /** One input: what it last sent that a player needs to decode it, and its shift onto the output timeline. */
    private static final class Input {
        final int slot;
        /** Metadata and every track's latest sequence headers, default track included: re-sent when this input takes over. */
        final DecoderSetup setup = new DecoderSetup();
        long offset;

        Input(int slot) {
            this.slot = slot;
        }

        int priority() {
            return priorityOf(slot);
        }
    }

    private final String code;
    private final Observer observer;
    private final Map<Integer, Input> inputs = new TreeMap<>();
    private final Deque<InputSwitch> switches = new ArrayDeque<>();
    private StreamHub hub;
    private Input active;
    /** The input that fed players last, kept after it ended so a switch can say where it came from. */
    private int lastActivePriority;
    private Input pending;
    private String pendingReason;
    private long lastOutput = -1;
    private boolean disabled;
    private StreamState state = StreamState.IDLE;
    /** Whether the input that fed the players last is local; null before the first activation on this hub. */
    private Boolean activeLocal;

    StreamInputs(String code, Observer observer) {
        this.code = code;
        this.observer = observer;
    }

    String code() {
        return code;
    }

    /** The hub players join; null while no input has been live since the stream last ended. */
    synchronized StreamHub hub() {
        return hub;
    }

    /**
     * An input has started publishing. The first input of a stream feeds players at once; any later
     * one (a backup, a returning primary, a reconnect) takes over at its next keyframe when it is the
     * best input.
     */
    synchronized void inputStarted(int slot, StreamHub openedHub) {
        if (hub == null || hub.isEnded()) {
            // The stream ended before (its players were told): this publish starts it afresh, on a new
            // timeline, and is not a failover from the input that fed the ended stream.
            hub = openedHub;
            lastOutput = -1;
            activeLocal = null;
        }
        Input input = new Input(slot);
        inputs.put(slot, input);
        if (active == null && pending == null) {
            if (lastOutput < 0 || hub.subscriberCount() == 0) {
                activate(input, 0, lastOutput < 0 ? null : "reconnect");
            } else {
                pending = input;
                pendingReason = "reconnect";
            }
        } else if (slot < (active != null ? active.slot : pending.slot)) {
            pending = input;
            pendingReason = active != null ? "failback" : pendingReason;
        }
        updateState();
    }

    /** Whether the hub needs opening before {@link #inputStarted}. */
    synchronized boolean needsHub() {
        return hub == null || hub.isEnded();
    }

    /** A frame from an input (timestamp on that input's own timeline). */
    synchronized void onFrame(int slot, MediaFrame frame) {
        // Nearly every frame is the active input's: skip the map (a boxed look-up per frame) for it.
        Input input = active != null && active.slot == slot ? active : inputs.get(slot);
        if (input == null) {
            return;
        }
        input.setup.remember(frame);
        if (input == pending && canStartOn(input, frame)) {
            Input previous = active;
            activate(input, lastOutput + 1 - frame.timestamp(), pendingReason);
            if (previous != null) {
                updateState();
            }
        }
        if (input == active) {
            forward(input, frame);
        }
    }

    /** Whether frames of this input currently reach players. */
    synchronized boolean isActive(int slot) {
        return active != null && active.slot == slot;
    }

    /**
     * Whether the players are fed by a publisher of this node, or were last (while the hub waits the reconnect
     * grace): where the stream's relays push from.
     */
    synchronized boolean isFedByLocalInput() {
        return Boolean.TRUE.equals(activeLocal) && hub != null && !hub.isEnded();
    }

    /** Whether a publisher of this node feeds the stream (not only an edge pull of another node's). */
    synchronized boolean hasLocalInput() {
        return inputs.keySet().stream().anyMatch(slot -> slot % 2 == 0);
    }

    /**
     * An input stopped. Returns true when no input is left, so the caller decides how long to keep
     * players waiting for a reconnect.
     *
     * @param reason {@code unpublish}, {@code timeout} or {@code error}: the reason recorded if this forces a switch
     */
    synchronized boolean inputEnded(int slot, String reason) {
        Input input = inputs.remove(slot);
        if (input == null) {
            return inputs.isEmpty();
        }
        if (input == pending) {
            pending = null;
        }
        if (input == active) {
            active = null;
            Input best = inputs.isEmpty() ? null : inputs.values().iterator().next();
            if (best != null) {
                pending = best;
                pendingReason = reason;
            }
        } else if (active == null && pending == null && !inputs.isEmpty()) {
            pending = inputs.values().iterator().next();
            pendingReason = reason;
        }
        updateState();
        return inputs.isEmpty();
    }

    /** Players are gone with the stream; a later input starts a fresh hub. */
    synchronized StreamHub endPlayback() {
        StreamHub ended = hub;
        hub = null;
        return ended;
    }

    /** An administrator asks for this input; false if it is not live. */
    synchronized boolean force(int priority) {
        Input input = inputs.get(localSlot(priority));
        if (input == null) {
            input = inputs.get(edgeSlot(priority));
        }
        if (input == null) {
            return false;
        }
        if (input != active) {
            pending = input;
            pendingReason = "manual";
            updateState();
        }
        return true;
    }

    synchronized void setDisabled(boolean disabled) {
        this.disabled = disabled;
        updateState();
    }

    synchronized boolean isDisabled() {
        return disabled;
    }

    synchronized StreamStatus status() {
        return new StreamStatus(code, state, active == null ? 0 : active.priority(), livePriorities(),
                List.copyOf(switches));
    }

    private static boolean canStartOn(Input input, MediaFrame frame) {
        if (frame.config() || frame.kind() == MediaFrame.Kind.METADATA || frame.kind() == MediaFrame.Kind.DATA) {
            return false;
        }
        return frame.kind() == MediaFrame.Kind.VIDEO
                ? frame.keyframe()
                : !input.setup.hasDefaultVideoTrack(); // an audio-only input can start anywhere
    }

    private void activate(Input input, long offset, String reason) {
        int from = active == null ? lastActivePriority : active.priority();
        input.offset = offset;
        active = input;
        lastActivePriority = input.priority();
        boolean local = input.slot % 2 == 0;
        if (activeLocal == null || activeLocal != local) {
            activeLocal = local;
            observer.activeSourceChanged(code, local);
        }
        pending = null;
        if (reason != null) {
            // Players get the new source's decoder set-up (every track's) right before its first frame.
            for (MediaFrame frame : input.setup.frames()) {
                hub.publish(shifted(frame, lastOutput + 1));
            }
            InputSwitch change = new InputSwitch(Instant.now(), from, input.priority(), reason);
            switches.addLast(change);
            if (switches.size() > SWITCH_HISTORY) {
                switches.removeFirst();
            }
            observer.switched(code, change);
        }
        updateState();
    }

    private void forward(Input input, MediaFrame frame) {
        long out = Math.max(0, frame.timestamp() + input.offset);
        lastOutput = Math.max(lastOutput, out);
        hub.publish(out == frame.timestamp() ? frame : shifted(frame, out));
    }

    private static MediaFrame shifted(MediaFrame frame, long timestamp) {
        return frame.at(timestamp);
    }

    private void updateState() {
        StreamState next;
        if (disabled) {
            next = StreamState.DISABLED;
        } else if (active != null) {
            next = active.priority() == 1 && pending == null ? StreamState.ACTIVE : StreamState.DEGRADED;
        } else if (pending != null) {
            next = StreamState.DEGRADED;
        } else {
            next = lastOutput < 0 && state == StreamState.IDLE ? StreamState.IDLE : StreamState.EXHAUSTED;
        }
        if (next != state) {
            StreamState from = state;
            state = next;
            observer.stateChanged(code, from, next);
        }
    }

    /** The priorities of the live inputs, in order (a local input and a pull of the same priority count once). */
    synchronized List<Integer> livePriorities() {
        List<Integer> priorities = new ArrayList<>();
        for (int slot : inputs.keySet()) {
            int priority = priorityOf(slot);
            if (priorities.isEmpty() || priorities.get(priorities.size() - 1) != priority) {
                priorities.add(priority);
            }
        }
        return priorities;
    }

    /** Whether any input (local or pulled) is live. */
    synchronized boolean hasInputs() {
        return !inputs.isEmpty();
    }
}
