package dev.inlet.rtmp.amf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Byte-exact AMF0 encodings, derived by hand from the AMF0 specification, in both directions. */
class Amf0EncodingTest {

    private static void assertEncoding(Object value, String expectedHex) {
        byte[] written = new Amf0Writer().write(value).toByteArray();
        assertThat(Hex.of(written)).isEqualTo(Hex.normalize(expectedHex));
        Amf0Reader reader = new Amf0Reader(ByteBuffer.wrap(written));
        assertThat(reader.read()).isEqualTo(value);
        assertThat(reader.hasRemaining()).isFalse();
    }

    private static Object decode(String hex) {
        Amf0Reader reader = new Amf0Reader(Hex.buffer(hex));
        Object value = reader.read();
        assertThat(reader.hasRemaining()).as("whole input consumed").isFalse();
        return value;
    }

    @Test
    void numbers_are_a_marker_and_a_big_endian_ieee_double() {
        assertEncoding(1.0, "00 3F F0 00 00 00 00 00 00");
        assertEncoding(-2.5, "00 C0 04 00 00 00 00 00 00");
        assertEncoding(0.0, "00 00 00 00 00 00 00 00 00");
    }

    @Test
    void every_java_number_is_written_as_a_double() {
        assertThat(Hex.of(new Amf0Writer().write(1).toByteArray())).isEqualTo(Hex.normalize("00 3F F0 00 00 00 00 00 00"));
        assertThat(Hex.of(new Amf0Writer().write(1L).toByteArray())).isEqualTo(Hex.normalize("00 3F F0 00 00 00 00 00 00"));
        assertThat(decode("00 3F F0 00 00 00 00 00 00")).isInstanceOf(Double.class);
    }

    @Test
    void booleans_are_one_byte_and_any_non_zero_byte_is_true() {
        assertEncoding(true, "01 01");
        assertEncoding(false, "01 00");
        assertThat(decode("01 7F")).isEqualTo(true);
    }

    @Test
    void strings_have_a_16_bit_utf8_length() {
        assertEncoding("abc", "02 00 03 61 62 63");
        assertEncoding("", "02 00 00");
        assertEncoding("é", "02 00 02 C3 A9");
    }

    @Test
    void char_sequences_are_written_as_strings() {
        assertThat(Hex.of(new Amf0Writer().write(new StringBuilder("ab")).toByteArray()))
                .isEqualTo(Hex.normalize("02 00 02 61 62"));
    }

    @Test
    void a_string_of_exactly_65535_bytes_is_still_a_short_string() {
        String text = "x".repeat(65_535);
        byte[] written = new Amf0Writer().write(text).toByteArray();
        assertThat(Arrays.copyOf(written, 3)).isEqualTo(Hex.bytes("02 FF FF"));
        assertThat(written).hasSize(3 + 65_535);
        assertThat(new Amf0Reader(ByteBuffer.wrap(written)).read()).isEqualTo(text);
    }

    @Test
    void a_string_over_65535_utf8_bytes_becomes_a_long_string() {
        String text = "x".repeat(70_000); // 0x00011170
        byte[] written = new Amf0Writer().write(text).toByteArray();
        assertThat(Arrays.copyOf(written, 5)).isEqualTo(Hex.bytes("0C 00 01 11 70"));
        assertThat(new Amf0Reader(ByteBuffer.wrap(written)).read()).isEqualTo(text);
    }

    @Test
    void the_long_string_choice_counts_utf8_bytes_not_characters() {
        String text = "é".repeat(40_000); // 40 000 chars, 80 000 bytes
        byte[] written = new Amf0Writer().write(text).toByteArray();
        assertThat(written[0]).isEqualTo((byte) 0x0C);
        assertThat(new Amf0Reader(ByteBuffer.wrap(written)).read()).isEqualTo(text);
    }

    @Test
    void long_strings_are_read_even_when_short() {
        assertThat(decode("0C 00 00 00 02 68 69")).isEqualTo("hi");
    }

    @Test
    void null_and_undefined_are_bare_markers() {
        assertEncoding(null, "05");
        assertEncoding(AmfUndefined.INSTANCE, "06");
    }

    @Test
    void the_unsupported_marker_reads_as_undefined() {
        assertThat(decode("0D")).isSameAs(AmfUndefined.INSTANCE);
    }

    @Test
    void objects_are_properties_closed_by_an_empty_key_and_the_end_marker() {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("a", 1.0);
        object.put("b", "c");
        assertEncoding(object, "03 00 01 61 00 3F F0 00 00 00 00 00 00 00 01 62 02 00 01 63 00 00 09");
        assertEncoding(new LinkedHashMap<>(), "03 00 00 09");
    }

    @Test
    void ecma_arrays_carry_a_count_before_their_properties() {
        AmfEcmaArray array = new AmfEcmaArray();
        array.put("a", true);
        assertEncoding(array, "08 00 00 00 01 00 01 61 01 01 00 00 09");
        assertThat(decode("08 00 00 00 01 00 01 61 01 01 00 00 09")).isInstanceOf(AmfEcmaArray.class);
    }

    @Test
    void an_ecma_array_count_is_only_a_hint() {
        assertThat(decode("08 00 00 00 05 00 01 61 01 01 00 00 09")).isEqualTo(Map.of("a", true));
        assertThat(decode("08 00 00 00 00 00 01 61 01 01 00 01 62 05 00 00 09"))
                .isEqualTo(mapOf("a", true, "b", null));
        assertThat(decode("08 FF FF FF FF 00 00 09")).isEqualTo(Map.of());
    }

    @Test
    void an_empty_key_not_followed_by_the_end_marker_is_an_ordinary_property() {
        assertThat(decode("03 00 00 01 01 00 00 09")).isEqualTo(Map.of("", true));
    }

    @Test
    void strict_arrays_are_a_count_and_values() {
        assertEncoding(new ArrayList<>(List.of(1.0, "a")),
                "0A 00 00 00 02 00 3F F0 00 00 00 00 00 00 02 00 01 61");
        assertThat(Hex.of(new Amf0Writer().write(new Object[] {true, null}).toByteArray()))
                .isEqualTo(Hex.normalize("0A 00 00 00 02 01 01 05"));
    }

    @Test
    void dates_are_a_double_and_a_signed_16_bit_time_zone() {
        assertEncoding(new AmfDate(0, (short) 0), "0B 00 00 00 00 00 00 00 00 00 00");
        assertEncoding(new AmfDate(1.0, (short) -60), "0B 3F F0 00 00 00 00 00 00 FF C4");
    }

    @Test
    void xml_documents_have_a_32_bit_length() {
        assertEncoding(new AmfXmlDocument("<a/>"), "0F 00 00 00 04 3C 61 2F 3E");
    }

    @Test
    void typed_objects_are_a_class_name_then_properties() {
        LinkedHashMap<String, Object> properties = new LinkedHashMap<>();
        properties.put("x", 1.0);
        assertEncoding(new AmfTypedObject("Foo", properties),
                "10 00 03 46 6F 6F 00 01 78 00 3F F0 00 00 00 00 00 00 00 00 09");
    }

    @Test
    void references_resolve_to_the_same_instance_counting_complex_values_in_reading_order() {
        // [ {}, [ {} ], ref 1, ref 3 ]: the outer array is 0, the first object 1, the inner array 2, its object 3
        Object value = decode("0A 00 00 00 04 03 00 00 09 0A 00 00 00 01 03 00 00 09 07 00 01 07 00 03");
        List<?> outer = (List<?>) value;
        List<?> inner = (List<?>) outer.get(1);
        assertThat(outer.get(2)).isSameAs(outer.get(0));
        assertThat(outer.get(3)).isSameAs(inner.get(0)).isNotSameAs(outer.get(0));
    }

    @Test
    void references_count_ecma_arrays_and_typed_objects_and_span_values_of_one_reader() {
        Amf0Reader reader = new Amf0Reader(Hex.buffer(
                "08 00 00 00 00 00 00 09  10 00 01 54 00 00 09  07 00 00  07 00 01"));
        Object ecma = reader.read();
        Object typed = reader.read();
        assertThat(reader.read()).isSameAs(ecma);
        assertThat(reader.read()).isSameAs(typed);
    }

    @Test
    void the_avmplus_switch_reads_one_amf3_value() {
        assertThat(decode("11 04 05")).isEqualTo(5);
        assertThat(decode("03 00 01 61 11 06 07 61 62 63 00 00 09")).isEqualTo(Map.of("a", "abc"));
    }

    @Test
    void each_avmplus_switch_starts_fresh_amf3_tables() {
        // the second switch refers to string 0 of the first: not visible across switches
        Amf0Reader reader = new Amf0Reader(Hex.buffer("11 06 07 61 62 63 11 06 00"));
        assertThat(reader.read()).isEqualTo("abc");
        org.assertj.core.api.Assertions.assertThatThrownBy(reader::read)
                .isInstanceOf(dev.inlet.rtmp.RtmpProtocolException.class);
    }

    @Test
    void byte_arrays_are_written_behind_the_avmplus_switch() {
        byte[] written = new Amf0Writer().write(new byte[] {1, 2, 3}).toByteArray();
        assertThat(Hex.of(written)).isEqualTo(Hex.normalize("11 0C 07 01 02 03"));
        assertThat((byte[]) new Amf0Reader(ByteBuffer.wrap(written)).read()).containsExactly(1, 2, 3);
    }

    @Test
    void utf8_is_not_modified_utf8() {
        String emoji = "\uD83C\uDFA5"; // U+1F3A5, four bytes in UTF-8
        byte[] written = new Amf0Writer().write(emoji).toByteArray();
        assertThat(Hex.of(written)).isEqualTo(Hex.normalize("02 00 04 F0 9F 8E A5"));
        assertThat(new String(written, 3, 4, StandardCharsets.UTF_8)).isEqualTo(emoji);
    }

    private static Map<String, Object> mapOf(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }
}
