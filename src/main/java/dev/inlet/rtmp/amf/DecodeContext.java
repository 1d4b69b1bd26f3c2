package dev.inlet.rtmp.amf;

/**
 * What one decoding pass shares across nested values, including an AMF3 value embedded in
 * AMF0 through the AVM+ switch: the input, the limits, the current nesting depth and how many
 * values the current top-level value has expanded to so far.
 */
final class DecodeContext {

    final WireInput in;
    final AmfLimits limits;
    private int depth;
    private long expandedValues;

    DecodeContext(WireInput in, AmfLimits limits) {
        this.in = in;
        this.limits = limits;
    }

    /** Starts the budget of a new top-level value. */
    void beginTopLevelValue() {
        depth = 0;
        expandedValues = 0;
    }

    void enterContainer() {
        if (++depth > limits.maxDepth()) {
            throw AmfErrors.limitExceeded("values nested deeper than " + limits.maxDepth());
        }
    }

    void exitContainer() {
        depth--;
    }

    /** Counts decoded values, a reference counting as everything it points to. */
    void countValues(long count) {
        expandedValues += count;
        if (expandedValues > limits.maxExpandedValues()) {
            throw AmfErrors.limitExceeded("value expands to more than " + limits.maxExpandedValues()
                    + " values (references counted in full)");
        }
    }

    long expandedValues() {
        return expandedValues;
    }

    void checkCollectionSize(long count, String what) {
        if (count > limits.maxCollectionSize()) {
            throw AmfErrors.limitExceeded(what + " with " + count + " entries exceeds the limit of "
                    + limits.maxCollectionSize());
        }
    }
}
