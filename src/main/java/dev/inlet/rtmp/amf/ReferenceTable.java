package dev.inlet.rtmp.amf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The complex values a reader has seen, in reading order, so that a later reference can be
 * resolved to the same instance. A value is registered before its contents are read (that is
 * the order the specifications number them in), and a reference to a value whose contents
 * are still being read is refused: such cycles are legal AMF but never occur in RTMP, and
 * cyclic maps and lists break {@code equals}, {@code hashCode} and {@code toString} for every
 * consumer downstream.
 */
final class ReferenceTable {

    private static final long STILL_READING = -1;

    private final List<Object> values = new ArrayList<>();
    /** Per entry: how many values it expands to, or STILL_READING. */
    private long[] expandedSizes = new long[8];
    private long[] startCounts = new long[8];

    /** Registers a value whose contents are about to be read; returns its index. */
    int register(Object value, DecodeContext context) {
        int index = values.size();
        if (index == expandedSizes.length) {
            expandedSizes = Arrays.copyOf(expandedSizes, index * 2);
            startCounts = Arrays.copyOf(startCounts, index * 2);
        }
        values.add(value);
        expandedSizes[index] = STILL_READING;
        startCounts[index] = context.expandedValues();
        return index;
    }

    /** Marks the value's contents as fully read. */
    void complete(int index, DecodeContext context) {
        expandedSizes[index] = context.expandedValues() - startCounts[index];
    }

    /** Registers a value that has no contents to read. */
    void registerLeaf(Object value, DecodeContext context) {
        complete(register(value, context), context);
    }

    Object resolve(long index, DecodeContext context) {
        if (index < 0 || index >= values.size()) {
            throw AmfErrors.malformed("reference " + index + " but only " + values.size()
                    + " objects were read");
        }
        int position = (int) index;
        if (expandedSizes[position] == STILL_READING) {
            throw AmfErrors.malformed("reference " + index + " points into the object being read (cycle)");
        }
        context.countValues(expandedSizes[position]);
        return values.get(position);
    }
}
