package dev.inlet.rtmp.amf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Byte-exact AMF3 encodings, derived by hand from the AMF3 specification, in both directions. */
class Amf3EncodingTest {

    private static String encode(Object value) {
        return Hex.of(new Amf3Writer().write(value).toByteArray());
    }

    private static void assertEncoding(Object value, String expectedHex) {
        assertThat(encode(value)).isEqualTo(Hex.normalize(expectedHex));
        assertThat(decode(expectedHex)).isEqualTo(value);
    }

    private static Object decode(String hex) {
        Amf3Reader reader = new Amf3Reader(Hex.buffer(hex));
        Object value = reader.read();
        assertThat(reader.hasRemaining()).as("whole input consumed").isFalse();
        return value;
    }

    @Test
    void constants_are_bare_markers() {
        assertEncoding(AmfUndefined.INSTANCE, "00");
        assertEncoding(null, "01");
        assertEncoding(false, "02");
        assertEncoding(true, "03");
    }

    /** U29 boundaries: one byte up to 7 bits, two up to 14, three up to 21, four up to 29. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0,          04 00",
        "1,          04 01",
        "127,        04 7F",
        "128,        04 81 00",
        "16383,      04 FF 7F",
        "16384,      04 81 80 00",
        "2097151,    04 FF FF 7F",
        "2097152,    04 80 C0 80 00",
        "268435455,  04 BF FF FF FF",
        "-1,         04 FF FF FF FF",
        "-268435456, 04 C0 80 80 00",
    })
    void integers_use_the_variable_length_u29(int value, String expectedHex) {
        assertEncoding(value, expectedHex);
        assertThat(decode(expectedHex)).isInstanceOf(Integer.class);
    }

    @Test
    void integers_outside_29_bits_become_doubles() {
        assertThat(encode(268_435_456)).isEqualTo(Hex.normalize("05 41 B0 00 00 00 00 00 00"));
        assertThat(encode(-268_435_457)).isEqualTo(Hex.normalize("05 C1 B0 00 00 01 00 00 00"));
        assertThat(decode("05 41 B0 00 00 00 00 00 00")).isEqualTo(268_435_456.0);
    }

    @Test
    void small_longs_shorts_and_bytes_are_integers_and_fractions_are_doubles() {
        assertThat(encode(5L)).isEqualTo(Hex.normalize("04 05"));
        assertThat(encode((short) 5)).isEqualTo(Hex.normalize("04 05"));
        assertThat(encode((byte) -1)).isEqualTo(Hex.normalize("04 FF FF FF FF"));
        assertEncoding(1.5, "05 3F F8 00 00 00 00 00 00");
        assertThat(encode(5.0)).isEqualTo(Hex.normalize("05 40 14 00 00 00 00 00 00"));
    }

    @Test
    void strings_are_an_inline_length_flag_and_utf8() {
        assertEncoding("abc", "06 07 61 62 63");
        assertEncoding("", "06 01");
        assertEncoding("é", "06 05 C3 A9");
    }

    @Test
    void a_repeated_string_is_written_as_a_reference_but_the_empty_string_never_is() {
        Amf3Writer writer = new Amf3Writer().write("abc").write("").write("").write("abc");
        assertThat(Hex.of(writer.toByteArray())).isEqualTo(Hex.normalize("06 07 61 62 63 06 01 06 01 06 00"));

        Amf3Reader reader = new Amf3Reader(ByteBuffer.wrap(writer.toByteArray()));
        assertThat(List.of(reader.read(), reader.read(), reader.read(), reader.read()))
                .containsExactly("abc", "", "", "abc");
    }

    @Test
    void string_references_are_shared_by_values_keys_and_class_names() {
        // "a" as a value (string 0), then an object whose key is reference 0 and class name inline "T"
        Amf3Reader reader = new Amf3Reader(Hex.buffer("06 03 61  0A 13 03 54 00 04 07"));
        assertThat(reader.read()).isEqualTo("a");
        Object typed = reader.read();
        assertThat(typed).isEqualTo(new AmfTypedObject("T", new LinkedHashMap<>(Map.of("a", 7))));
    }

    @Test
    void xml_documents_and_xml_both_read_as_xml_documents() {
        assertEncoding(new AmfXmlDocument("<a/>"), "07 09 3C 61 2F 3E");
        assertThat(decode("0B 09 3C 61 2F 3E")).isEqualTo(new AmfXmlDocument("<a/>"));
    }

    @Test
    void dates_are_a_flag_and_a_double_without_time_zone() {
        assertEncoding(new AmfDate(1.0, (short) 0), "08 01 3F F0 00 00 00 00 00 00");
        assertThat(encode(new AmfDate(1.0, (short) 120))).isEqualTo(Hex.normalize("08 01 3F F0 00 00 00 00 00 00"));
    }

    @Test
    void dense_arrays_have_an_empty_associative_part() {
        assertEncoding(new ArrayList<>(List.of(1, 2)), "09 05 01 04 01 04 02");
        assertThat(encode(new Object[] {"a"})).isEqualTo(Hex.normalize("09 03 01 06 03 61"));
        assertEncoding(new ArrayList<>(), "09 01 01");
    }

    @Test
    void ecma_arrays_are_written_as_associative_only_arrays() {
        AmfEcmaArray array = new AmfEcmaArray(Map.of("a", 1));
        assertEncoding(array, "09 01 03 61 04 01 01");
        assertThat(decode("09 01 03 61 04 01 01")).isInstanceOf(AmfEcmaArray.class);
    }

    @Test
    void a_mixed_array_keeps_dense_entries_under_their_indices() {
        Object value = decode("09 05 03 61 04 01 01 04 02 04 03");
        assertThat(value).isInstanceOf(AmfEcmaArray.class);
        assertThat(((Map<?, ?>) value).entrySet()).extracting(Object::toString)
                .containsExactly("a=1", "0=2", "1=3");
    }

    @Test
    void maps_are_anonymous_dynamic_objects() {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("a", 1);
        assertEncoding(object, "0A 0B 01 03 61 04 01 01");
        assertThat(decode("0A 0B 01 03 61 04 01 01")).isExactlyInstanceOf(LinkedHashMap.class);
    }

    @Test
    void objects_of_the_same_shape_refer_to_the_first_traits() {
        List<Object> list = List.of(Map.of("a", 1), Map.of("b", 2));
        String hex = "09 05 01  0A 0B 01 03 61 04 01 01  0A 01 03 62 04 02 01";
        assertThat(encode(list)).isEqualTo(Hex.normalize(hex));
        assertThat(decode(hex)).isEqualTo(list);
    }

    @Test
    void typed_objects_have_sealed_members_and_share_traits() {
        AmfTypedObject first = typed("Foo", "x", 1);
        AmfTypedObject second = typed("Foo", "x", 2);
        String hex = "09 05 01  0A 13 07 46 6F 6F 03 78 04 01  0A 01 04 02";
        assertThat(encode(List.of(first, second))).isEqualTo(Hex.normalize(hex));
        assertThat(decode(hex)).isEqualTo(List.of(first, second));
    }

    @Test
    void typed_objects_may_also_have_dynamic_members() {
        // traits: 1 sealed member, dynamic (0x1B), class "T", member "x"; x=1, then dynamic y=2
        assertThat(decode("0A 1B 03 54 03 78 04 01 03 79 04 02 01"))
                .isEqualTo(new AmfTypedObject("T", linked("x", 1, "y", 2)));
    }

    @Test
    void the_same_instance_twice_is_an_object_reference() {
        Map<String, Object> shared = Map.of("a", 1);
        String hex = "09 05 01 0A 0B 01 03 61 04 01 01 0A 02";
        assertThat(encode(List.of(shared, shared))).isEqualTo(Hex.normalize(hex));
        List<?> read = (List<?>) decode(hex);
        assertThat(read.get(1)).isSameAs(read.get(0));
    }

    @Test
    void dates_byte_arrays_and_xml_are_in_the_object_table() {
        // [date, bytes, xml, ref 1, ref 2, ref 3]; the array itself is object 0
        List<?> read = (List<?>) decode("09 0D 01  08 01 00 00 00 00 00 00 00 00  0C 03 09  07 03 78  08 02 0C 04 07 06");
        assertThat(read.get(3)).isSameAs(read.get(0));
        assertThat(read.get(4)).isSameAs(read.get(1));
        assertThat(read.get(5)).isSameAs(read.get(2));
    }

    @Test
    void byte_arrays_are_a_length_and_raw_bytes() {
        assertThat(encode(new byte[] {1, 2, 3})).isEqualTo(Hex.normalize("0C 07 01 02 03"));
        assertThat((byte[]) decode("0C 07 01 02 03")).containsExactly(1, 2, 3);
    }

    @Test
    void vectors_read_as_lists() {
        assertThat(decode("0D 05 00 00 00 00 01 FF FF FF FF")).isEqualTo(List.of(1, -1));
        assertThat(decode("0E 03 01 FF FF FF FF")).isEqualTo(List.of(4_294_967_295L));
        assertThat(decode("0F 03 00 3F F0 00 00 00 00 00 00")).isEqualTo(List.of(1.0));
        assertThat(decode("10 05 00 07 46 6F 6F 04 01 06 03 61")).isEqualTo(List.of(1, "a"));
    }

    @Test
    void dictionaries_read_as_maps_with_any_keys() {
        assertThat(decode("11 05 00 06 03 6B 04 05 04 01 06 03 76"))
                .isEqualTo(Map.of("k", 5, 1, "v"));
    }

    @Test
    void reference_tables_live_as_long_as_the_reader() {
        Amf3Reader reader = new Amf3Reader(Hex.buffer("0A 0B 01 03 61 04 01 01  0A 00  0A 01 03 61 04 02 01  06 02"));
        Object first = reader.read();
        assertThat(reader.read()).isSameAs(first);
        assertThat(reader.read()).isEqualTo(Map.of("a", 2));
        assertThat(reader.read()).isEqualTo("a");
    }

    private static AmfTypedObject typed(String className, String key, Object value) {
        LinkedHashMap<String, Object> properties = new LinkedHashMap<>();
        properties.put(key, value);
        return new AmfTypedObject(className, properties);
    }

    private static LinkedHashMap<String, Object> linked(String k1, Object v1, String k2, Object v2) {
        LinkedHashMap<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }
}
