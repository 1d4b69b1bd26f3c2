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

/** Every way an AMF3 peer can send bad bytes ends in an RtmpProtocolException with a reason. */
class Amf3MalformedInputTest {

    private static void assertRejected(String hex, Reason reason) {
        assertRejected(Hex.bytes(hex), AmfLimits.defaults(), reason);
    }

    private static void assertRejected(String hex, AmfLimits limits, Reason reason) {
        assertRejected(Hex.bytes(hex), limits, reason);
    }

    private static void assertRejected(byte[] input, AmfLimits limits, Reason reason) {
        Amf3Reader reader = new Amf3Reader(ByteBuffer.wrap(input), limits);
        assertThatThrownBy(() -> {
            do {
                reader.read();
            } while (reader.hasRemaining());
        })
                .isInstanceOf(RtmpProtocolException.class)
                .satisfies(e -> assertThat(((RtmpProtocolException) e).reason()).isEqualTo(reason));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",                    // nothing at all
        "04",                  // integer without its U29
        "04 80",               // U29 continuation bit with nothing after it
        "04 FF FF FF",         // U29 missing its fourth byte
        "05 3F F0 00",         // double cut short
        "06 07 61 62",         // string shorter than its length
        "07 09 3C",            // XML document cut short
        "08 01 3F F0",         // date cut short
        "09 03 01",            // dense array missing its element
        "09 01 03 61",         // associative entry without value
        "09 01 03 61 04 01",   // associative part without its closing empty string
        "0A 0B 01 03 61 04 01",// dynamic object without its closing empty string
        "0A 13 03 54",         // sealed traits missing the member name
        "0C 07 01 02",         // byte array shorter than its length
        "0D 05 00 00 00 00 01",// int vector with fewer elements than its count
        "0D 03",               // vector without its fixed flag
        "10 03 00 01",         // object vector missing its element
        "11 03 00 04 01",      // dictionary key without value
    })
    void truncated_input_is_malformed(String hex) {
        assertRejected(hex, Reason.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "04 80 01",            // 1 in two bytes
        "04 80 80 01",         // 1 in three bytes
        "04 80 80 80 01",      // 1 in four bytes
        "04 80 FF 7F",         // 0x3FFF in three bytes
        "04 80 80 FF FF",      // 0x7FFF in four bytes
        "06 80 07 61 62 63",   // a string length written too long
    })
    void over_long_u29_encodings_are_malformed(String hex) {
        assertRejected(hex, Reason.MALFORMED);
    }

    @Test
    void shortest_u29_encodings_at_each_length_are_accepted() {
        assertThat(new Amf3Reader(Hex.buffer("04 81 00")).read()).isEqualTo(0x80);
        assertThat(new Amf3Reader(Hex.buffer("04 81 80 00")).read()).isEqualTo(0x4000);
        assertThat(new Amf3Reader(Hex.buffer("04 80 C0 80 00")).read()).isEqualTo(0x20_0000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12", "13", "80", "FF"})
    void unknown_markers_are_malformed(String hex) {
        assertRejected(hex, Reason.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "06 00",                    // string reference with an empty string table
        "06 03 61 06 02",           // string reference 1 when only 0 exists
        "0A 00",                    // object reference with an empty object table
        "09 02",                    // array reference 1 with an empty object table
        "08 00",                    // date reference
        "0C 00",                    // byte array reference
        "07 00",                    // XML reference
        "0D 00",                    // vector reference
        "11 00",                    // dictionary reference
        "0A 01",                    // traits reference with an empty traits table
        "0A 0B 01 01 0A 05",        // traits reference 1 when only 0 exists
    })
    void bad_reference_indices_are_malformed(String hex) {
        assertRejected(hex, Reason.MALFORMED);
    }

    @Test
    void a_reference_into_the_object_being_read_is_refused() {
        assertRejected("0A 0B 01 03 61 0A 00 01", Reason.MALFORMED);
        assertRejected("09 03 01 09 00", Reason.MALFORMED);
        assertRejected("11 03 00 11 00 01", Reason.MALFORMED);
    }

    @Test
    void externalizable_objects_are_unsupported() {
        assertRejected("0A 07 07 46 6F 6F 01 02 03", Reason.UNSUPPORTED);
    }

    @Test
    void huge_declared_sizes_fail_before_allocating() {
        assertRejected("09 FF FF FF FF 01", Reason.LIMIT_EXCEEDED);       // dense count 2^28-1
        assertRejected("06 FF FF FF FF 61", Reason.LIMIT_EXCEEDED);       // string length
        assertRejected("0C FF FF FF FF 61", Reason.LIMIT_EXCEEDED);       // byte array length
        assertRejected("0A FF FF FF FB 01", Reason.LIMIT_EXCEEDED);       // sealed member count
        assertRejected("0D FF FF FF FF 00 01", Reason.LIMIT_EXCEEDED);    // vector count
        assertRejected("11 FF FF FF FF 00 01", Reason.LIMIT_EXCEEDED);    // dictionary count
        // within the limits but longer than the buffer
        assertRejected("09 81 01 01 01", Reason.MALFORMED);               // 64 elements, 2 bytes left
        assertRejected("0F 81 01 00 00", Reason.MALFORMED);               // 64 doubles
        assertRejected("06 81 01 61", Reason.MALFORMED);                  // 64-byte string
    }

    @Test
    void collections_larger_than_the_limit_are_refused() {
        AmfLimits limits = new AmfLimits(32, 2, 1024);
        assertRejected("09 07 01 01 01 01", limits, Reason.LIMIT_EXCEEDED);                     // 3 dense
        assertRejected("09 01 03 61 01 03 62 01 03 63 01 01", limits, Reason.LIMIT_EXCEEDED);  // 3 associative
        assertRejected("09 05 03 61 01 01 01 01", limits, Reason.LIMIT_EXCEEDED);               // 1 + 2
        assertRejected("0A 0B 01 03 61 01 03 62 01 03 63 01 01", limits, Reason.LIMIT_EXCEEDED);
        assertRejected("0A 33 01 03 61 03 62 03 63 01 01 01", limits, Reason.LIMIT_EXCEEDED);  // 3 sealed
        assertThat(new Amf3Reader(Hex.buffer("09 05 01 01 01"), limits).read()).asList().hasSize(2);
    }

    @Test
    void strings_longer_than_the_limit_are_refused() {
        AmfLimits limits = new AmfLimits(32, 100, 2);
        assertRejected("06 07 61 62 63", limits, Reason.LIMIT_EXCEEDED);
        assertRejected("07 07 61 62 63", limits, Reason.LIMIT_EXCEEDED);
        assertRejected("0C 07 61 62 63", limits, Reason.LIMIT_EXCEEDED);
    }

    @Test
    void nesting_up_to_max_depth_is_read_and_one_deeper_is_refused() {
        assertThat(new Amf3Reader(ByteBuffer.wrap(nestedArrays(32))).read()).isInstanceOf(List.class);
        assertRejected(nestedArrays(33), AmfLimits.defaults(), Reason.LIMIT_EXCEEDED);
        assertRejected(nestedArrays(500_000), AmfLimits.defaults(), Reason.LIMIT_EXCEEDED);
    }

    @Test
    void references_cannot_expand_a_small_message_into_a_huge_tree() {
        // [[null, null], [ref 1, ref 1], [ref 2, ref 2], …]: each level doubles the tree
        int levels = 40;
        ByteBuffer out = ByteBuffer.allocate(16 + levels * 7);
        out.put((byte) 0x09).put((byte) (levels << 1 | 1)).put((byte) 0x01);
        out.put(Hex.bytes("09 05 01 01 01"));
        for (int level = 1; level < levels; level++) {
            out.put(Hex.bytes("09 05 01")).put((byte) 0x09).put((byte) (level << 1))
                    .put((byte) 0x09).put((byte) (level << 1));
        }
        byte[] input = java.util.Arrays.copyOf(out.array(), out.position());
        assertRejected(input, AmfLimits.defaults(), Reason.LIMIT_EXCEEDED);
        assertThatThrownBy(() -> new Amf3Reader(ByteBuffer.wrap(input)).read())
                .hasMessageContaining("references counted in full");
        // the same shape with few levels is fine and shares instances
        List<?> small = (List<?>) new Amf3Reader(ByteBuffer.wrap(Hex.bytes(
                "09 07 01  09 05 01 01 01  09 05 01 09 02 09 02  09 05 01 09 04 09 04"))).read();
        assertThat(((List<?>) small.get(1)).get(0)).isSameAs(small.get(0));
        assertThat(((List<?>) small.get(2)).get(1)).isSameAs(small.get(1));
    }

    /** Arrays each holding the next one, the innermost empty. */
    private static byte[] nestedArrays(int depth) {
        byte[] out = new byte[depth * 3];
        for (int i = 0; i < depth; i++) {
            boolean innermost = i == depth - 1;
            out[i * 3] = 0x09;
            out[i * 3 + 1] = (byte) (innermost ? 0x01 : 0x03);
            out[i * 3 + 2] = 0x01;
        }
        return out;
    }
}
