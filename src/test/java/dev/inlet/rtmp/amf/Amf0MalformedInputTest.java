package dev.inlet.rtmp.amf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.inlet.rtmp.RtmpProtocolException;
import dev.inlet.rtmp.RtmpProtocolException.Reason;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way an AMF0 peer can send bad bytes ends in an RtmpProtocolException with a reason. */
class Amf0MalformedInputTest {

    private static void assertRejected(String hex, Reason reason) {
        assertRejected(hex, AmfLimits.defaults(), reason);
    }

    private static void assertRejected(String hex, AmfLimits limits, Reason reason) {
        assertRejected(Hex.bytes(hex), limits, reason);
    }

    private static void assertRejected(byte[] input, AmfLimits limits, Reason reason) {
        Amf0Reader reader = new Amf0Reader(ByteBuffer.wrap(input), limits);
        assertThatThrownBy(reader::readAll)
                .isInstanceOf(RtmpProtocolException.class)
                .satisfies(e -> assertThat(((RtmpProtocolException) e).reason()).isEqualTo(reason));
    }

    @Test
    void reading_a_value_from_an_empty_buffer_is_truncation_but_reading_all_of_it_is_nothing() {
        assertThatThrownBy(() -> new Amf0Reader(ByteBuffer.allocate(0)).read())
                .isInstanceOf(RtmpProtocolException.class)
                .satisfies(e -> assertThat(((RtmpProtocolException) e).reason()).isEqualTo(Reason.MALFORMED));
        assertThat(new Amf0Reader(ByteBuffer.allocate(0)).readAll()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "00 3F F0",                     // number cut short
        "01",                           // boolean without its byte
        "02 00",                        // string length cut short
        "02 00 05 61 62",               // string shorter than its length
        "0C 00 00 01 00 61",            // long string shorter than its length
        "03 00 01 61 05",               // object without end marker
        "03 00 01 61 05 00 00",         // object end marker missing its 0x09
        "03 00 05 61",                  // property name shorter than its length
        "08 00 00 00 01",               // ECMA array cut after its count
        "0A 00 00 00 03 05 05",         // strict array with fewer values than its count
        "0B 00 00 00 00 00 00 00 00 00",// date without all of its time zone
        "0F 00 00 00 09 3C",            // XML document cut short
        "10 00 03 46 6F",               // typed object class name cut short
        "07 00",                        // reference index cut short
        "11",                           // AVM+ switch with nothing after it
    })
    void truncated_input_is_malformed(String hex) {
        assertRejected(hex, Reason.MALFORMED);
    }

    @Test
    void the_object_end_marker_is_not_a_value() {
        assertRejected("09", Reason.MALFORMED);
        assertRejected("03 00 01 61 09", Reason.MALFORMED);
        assertRejected("0A 00 00 00 01 09", Reason.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12", "20", "7F", "FF"})
    void unknown_markers_are_malformed(String hex) {
        assertRejected(hex, Reason.MALFORMED);
    }

    @Test
    void movieclip_and_recordset_are_unsupported() {
        assertRejected("04", Reason.UNSUPPORTED);
        assertRejected("0E", Reason.UNSUPPORTED);
    }

    @Test
    void huge_declared_lengths_fail_before_allocating() {
        assertRejected("0C FF FF FF FF 61", Reason.LIMIT_EXCEEDED);
        assertRejected("0F 7F FF FF FF 61", Reason.LIMIT_EXCEEDED);
        assertRejected("0A FF FF FF FF 05", Reason.LIMIT_EXCEEDED);
        // within the limits but longer than the buffer
        assertRejected("0C 00 0F 00 00 61", Reason.MALFORMED);
        assertRejected("0A 00 00 F0 00 05", Reason.MALFORMED);
    }

    @Test
    void strings_longer_than_the_limit_are_refused() {
        AmfLimits limits = new AmfLimits(32, 100, 4);
        assertRejected("02 00 05 61 61 61 61 61", limits, Reason.LIMIT_EXCEEDED);
        assertRejected("03 00 05 61 61 61 61 61 05 00 00 09", limits, Reason.LIMIT_EXCEEDED);
        assertThat(new Amf0Reader(Hex.buffer("02 00 04 61 61 61 61"), limits).read()).isEqualTo("aaaa");
    }

    @Test
    void collections_larger_than_the_limit_are_refused() {
        AmfLimits limits = new AmfLimits(32, 3, 1024);
        assertRejected("0A 00 00 00 04 05 05 05 05", limits, Reason.LIMIT_EXCEEDED);
        assertRejected("03 00 01 61 05 00 01 62 05 00 01 63 05 00 01 64 05 00 00 09", limits, Reason.LIMIT_EXCEEDED);
        // an ECMA array that claims one entry but carries four
        assertRejected("08 00 00 00 01 00 01 61 05 00 01 62 05 00 01 63 05 00 01 64 05 00 00 09",
                limits, Reason.LIMIT_EXCEEDED);
        assertThat(new Amf0Reader(Hex.buffer("0A 00 00 00 03 05 05 05"), limits).read()).asList().hasSize(3);
    }

    @Test
    void nesting_up_to_max_depth_is_read_and_one_deeper_is_refused() {
        AmfLimits limits = AmfLimits.defaults();
        assertThat(new Amf0Reader(ByteBuffer.wrap(nestedStrictArrays(32)), limits).read()).isInstanceOf(List.class);
        assertRejected(nestedStrictArrays(33), limits, Reason.LIMIT_EXCEEDED);
    }

    @Test
    void very_deep_nesting_is_a_limit_not_a_stack_overflow() {
        assertRejected(nestedStrictArrays(200_000), AmfLimits.defaults(), Reason.LIMIT_EXCEEDED);
        // objects whose property "a" holds the next object
        byte[] objectChain = new byte[400_000];
        for (int i = 0; i + 4 <= objectChain.length; i += 4) {
            objectChain[i] = 0x03;
            objectChain[i + 1] = 0x00;
            objectChain[i + 2] = 0x01;
            objectChain[i + 3] = 0x61;
        }
        assertRejected(objectChain, AmfLimits.defaults(), Reason.LIMIT_EXCEEDED);
        assertRejected(avmplusNestedArrays(100_000), AmfLimits.defaults(), Reason.LIMIT_EXCEEDED);
    }

    @Test
    void bad_reference_indices_are_malformed() {
        assertRejected("07 00 00", Reason.MALFORMED);
        assertRejected("03 00 00 09 07 00 01", Reason.MALFORMED);
        assertRejected("03 00 00 09 07 FF FF", Reason.MALFORMED);
    }

    @Test
    void a_reference_into_the_object_being_read_is_refused() {
        assertRejected("03 00 01 61 07 00 00 00 00 09", Reason.MALFORMED);
        assertRejected("0A 00 00 00 01 07 00 00", Reason.MALFORMED);
    }

    @Test
    void references_cannot_expand_a_small_message_into_a_huge_tree() {
        assertRejected(doublingReferences(40), AmfLimits.defaults(), Reason.LIMIT_EXCEEDED);
        assertThatThrownBy(() -> new Amf0Reader(ByteBuffer.wrap(doublingReferences(40))).read())
                .hasMessageContaining("references counted in full");
        List<?> small = (List<?>) new Amf0Reader(ByteBuffer.wrap(doublingReferences(4))).read();
        List<?> last = (List<?>) small.get(3);
        assertThat(last.get(0)).isSameAs(last.get(1)).isSameAs(small.get(2));
    }

    /** 0A 00 00 00 01 repeated: arrays each holding the next, the innermost empty. */
    static byte[] nestedStrictArrays(int depth) {
        ByteBuffer out = ByteBuffer.allocate(depth * 5);
        for (int i = 0; i < depth; i++) {
            out.put(Hex.bytes(i == depth - 1 ? "0A 00 00 00 00" : "0A 00 00 00 01"));
        }
        return out.array();
    }

    /** Nested AMF3 arrays behind one AVM+ switch: the depth limit spans both formats. */
    private static byte[] avmplusNestedArrays(int depth) {
        byte[] out = new byte[1 + depth * 3];
        out[0] = 0x11;
        for (int i = 0; i < depth; i++) {
            out[1 + i * 3] = 0x09;     // array
            out[2 + i * 3] = 0x03;     // one dense element
            out[3 + i * 3] = 0x01;     // no associative part
        }
        return out;
    }

    /**
     * A strict array of {@code levels} arrays, each holding two references to the one before
     * it: a few bytes per level, but twice the tree of the level before.
     */
    private static byte[] doublingReferences(int levels) {
        ByteBuffer out = ByteBuffer.allocate(5 + 7 + levels * 11);
        out.put(Hex.bytes("0A")).putInt(levels);
        out.put(Hex.bytes("0A 00 00 00 02 05 05")); // level 0 (object 1)
        for (int level = 1; level < levels; level++) {
            out.put(Hex.bytes("0A 00 00 00 02")); // object level + 1
            out.put((byte) 0x07).putShort((short) level);
            out.put((byte) 0x07).putShort((short) level);
        }
        return java.util.Arrays.copyOf(out.array(), out.position());
    }
}
