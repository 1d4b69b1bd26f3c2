package dev.inlet.rtmp.amf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every Java value the writers accept comes back equal (and of the documented type) from the readers. */
class AmfRoundTripTest {

    private static Object throughAmf0(Object value) {
        Amf0Reader reader = new Amf0Reader(ByteBuffer.wrap(new Amf0Writer().write(value).toByteArray()));
        Object read = reader.read();
        assertThat(reader.hasRemaining()).isFalse();
        return read;
    }

    private static Object throughAmf3(Object value) {
        Amf3Reader reader = new Amf3Reader(ByteBuffer.wrap(new Amf3Writer().write(value).toByteArray()));
        Object read = reader.read();
        assertThat(reader.hasRemaining()).isFalse();
        return read;
    }

    /** Values whose Java type the AMF0 round trip keeps exactly. */
    static Stream<Object> amf0Values() {
        return Stream.of(
                0.0, -0.0, 1.0, -1.5, Double.MAX_VALUE, Double.MIN_VALUE, Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                true, false,
                "", "rtmp", "ünïcødé ✓ \uD83C\uDFA5", "x".repeat(65_536),
                AmfUndefined.INSTANCE,
                new AmfDate(1_700_000_000_123.0, (short) 0), new AmfDate(-1.0, (short) 120),
                new AmfXmlDocument("<root><child attr=\"1\"/></root>"),
                typed("flex.Thing", "id", 7.0),
                ecma("a", 1.0),
                new AmfEcmaArray(),
                new ArrayList<>(List.of(1.0, "two", true)),
                new ArrayList<>(),
                nested());
    }

    /** Values whose Java type the AMF3 round trip keeps exactly. */
    static Stream<Object> amf3Values() {
        return Stream.of(
                0, 1, -1, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152, 268_435_455, -268_435_456,
                0.5, -0.0, 268_435_456.0, Double.NaN, Double.NEGATIVE_INFINITY,
                true, false,
                "", "rtmp", "ünïcødé ✓ \uD83C\uDFA5", "x".repeat(300_000),
                AmfUndefined.INSTANCE,
                new AmfDate(1_700_000_000_123.0, (short) 0),
                new AmfXmlDocument("<root/>"),
                typed("flex.Thing", "id", 7),
                ecma("a", 1),
                new ArrayList<>(List.of(1, "two", true)),
                new ArrayList<>(),
                nested3());
    }

    @ParameterizedTest
    @MethodSource("amf0Values")
    void amf0_round_trip(Object value) {
        Object read = throughAmf0(value);
        assertThat(read).isEqualTo(value).hasSameClassAs(value);
    }

    @ParameterizedTest
    @MethodSource("amf3Values")
    void amf3_round_trip(Object value) {
        Object read = throughAmf3(value);
        assertThat(read).isEqualTo(value).hasSameClassAs(value);
    }

    @Test
    void null_round_trips_in_both_formats() {
        assertThat(throughAmf0(null)).isNull();
        assertThat(throughAmf3(null)).isNull();
    }

    @Test
    void amf0_reads_maps_lists_and_arrays_as_their_documented_types() {
        assertThat(throughAmf0(Map.of("k", "v"))).isExactlyInstanceOf(LinkedHashMap.class).isEqualTo(Map.of("k", "v"));
        assertThat(throughAmf0(List.of("a"))).isExactlyInstanceOf(ArrayList.class).isEqualTo(List.of("a"));
        assertThat(throughAmf0(new Object[] {"a", null})).isEqualTo(java.util.Arrays.asList("a", null));
        assertThat(throughAmf0(42)).isEqualTo(42.0);
        assertThat(throughAmf0(new StringBuilder("sb"))).isEqualTo("sb");
        assertThat((byte[]) throughAmf0(new byte[] {0, -1, 127})).containsExactly(0, -1, 127);
    }

    @Test
    void amf3_reads_maps_lists_and_arrays_as_their_documented_types() {
        assertThat(throughAmf3(Map.of("k", "v"))).isExactlyInstanceOf(LinkedHashMap.class).isEqualTo(Map.of("k", "v"));
        assertThat(throughAmf3(List.of("a"))).isExactlyInstanceOf(ArrayList.class).isEqualTo(List.of("a"));
        assertThat(throughAmf3(new Object[] {"a", null})).isEqualTo(java.util.Arrays.asList("a", null));
        assertThat(throughAmf3(1L << 40)).isEqualTo((double) (1L << 40));
        assertThat(throughAmf3(2.5f)).isEqualTo(2.5);
        assertThat((byte[]) throughAmf3(new byte[] {0, -1, 127})).containsExactly(0, -1, 127);
        assertThat((byte[]) throughAmf3(new byte[0])).isEmpty();
    }

    @Test
    void amf3_drops_the_time_zone_and_an_empty_ecma_array_reads_as_an_empty_list() {
        assertThat(throughAmf3(new AmfDate(5.0, (short) 60))).isEqualTo(new AmfDate(5.0, (short) 0));
        assertThat(throughAmf3(new AmfEcmaArray())).isEqualTo(List.of());
    }

    @Test
    void an_amf3_value_inside_amf0_through_the_writer_and_reader() {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("payload", new byte[] {9, 8});
        object.put("n", 1.0);
        @SuppressWarnings("unchecked")
        Map<String, Object> read = (Map<String, Object>) throughAmf0(object);
        assertThat((byte[]) read.get("payload")).containsExactly(9, 8);
        assertThat(read.get("n")).isEqualTo(1.0);
    }

    @Test
    void dates_convert_to_and_from_instants() {
        Instant instant = Instant.parse("2024-05-01T12:00:00.250Z");
        assertThat(((AmfDate) throughAmf0(AmfDate.of(instant))).toInstant()).isEqualTo(instant);
        assertThat(((AmfDate) throughAmf3(AmfDate.of(instant))).toInstant()).isEqualTo(instant);
    }

    @Test
    void a_value_shared_in_two_places_is_written_twice_in_amf0_and_referenced_in_amf3() {
        Map<String, Object> shared = new LinkedHashMap<>(Map.of("a", 1.0));
        List<Object> twice = List.of(shared, shared);
        assertThat(throughAmf0(twice)).isEqualTo(twice);
        List<?> amf3 = (List<?>) throughAmf3(twice);
        assertThat(amf3).isEqualTo(twice);
        assertThat(amf3.get(1)).isSameAs(amf3.get(0));
        assertThat(new Amf3Writer().write(twice).toByteArray().length)
                .isLessThan(new Amf3Writer().write(List.of(shared, new LinkedHashMap<>(shared))).toByteArray().length);
    }

    @Test
    void many_values_share_one_amf3_writer_and_reader() {
        Amf3Writer writer = new Amf3Writer();
        List<Object> values = List.of("name", Map.of("name", "name"), typed("T", "name", 1), typed("T", "name", 2), "name");
        values.forEach(writer::write);
        Amf3Reader reader = new Amf3Reader(ByteBuffer.wrap(writer.toByteArray()));
        List<Object> read = new ArrayList<>();
        while (reader.hasRemaining()) {
            read.add(reader.read());
        }
        assertThat(read).isEqualTo(values);
    }

    private static AmfTypedObject typed(String className, String key, Object value) {
        LinkedHashMap<String, Object> properties = new LinkedHashMap<>();
        properties.put(key, value);
        return new AmfTypedObject(className, properties);
    }

    private static AmfEcmaArray ecma(String key, Object value) {
        AmfEcmaArray array = new AmfEcmaArray();
        array.put(key, value);
        return array;
    }

    private static LinkedHashMap<String, Object> nested() {
        LinkedHashMap<String, Object> inner = new LinkedHashMap<>();
        inner.put("list", new ArrayList<>(List.of(ecma("x", 1.0), typed("T", "y", "z"))));
        inner.put("date", new AmfDate(0, (short) 0));
        inner.put("nothing", null);
        inner.put("undefined", AmfUndefined.INSTANCE);
        LinkedHashMap<String, Object> outer = new LinkedHashMap<>();
        outer.put("inner", inner);
        outer.put("", "an empty key is a legal AMF0 property name");
        return outer;
    }

    private static LinkedHashMap<String, Object> nested3() {
        LinkedHashMap<String, Object> inner = new LinkedHashMap<>();
        inner.put("list", new ArrayList<>(List.of(ecma("x", 1), typed("T", "y", "z"), 2.5)));
        inner.put("date", new AmfDate(0, (short) 0));
        inner.put("xml", new AmfXmlDocument("<a/>"));
        inner.put("nothing", null);
        inner.put("undefined", AmfUndefined.INSTANCE);
        LinkedHashMap<String, Object> outer = new LinkedHashMap<>();
        outer.put("inner", inner);
        outer.put("again", new LinkedHashMap<>(Map.of("list", List.of())));
        return outer;
    }
}
