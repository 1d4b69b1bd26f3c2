package dev.inlet.core;

import java.util.List;

/**
 * A stream's lifecycle as the server sees it right now.
 *
 * @param activePriority the input feeding players, 0 if none
 * @param liveInputs     priorities of the inputs with a live publisher, best first
 * @param switches       recent input switches, oldest first
 */
public record StreamStatus(String streamCode, StreamState state, int activePriority, List<Integer> liveInputs,
                           List<InputSwitch> switches) {
}
