package dev.inlet.rtmp.amf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the writers refuse, and that a refusal leaves earlier output intact. */
class AmfWriterRejectionTest {

    @Test
    void unknown_java_types_are_refused_by_both_writers() {
        for (Object value : List.of(new Object(), Optional.empty(), new int[] {1}, Thread.State.NEW)) {
            assertThatIllegalArgumentException().isThrownBy(() -> new Amf0Writer().write(value));
            assertThatIllegalArgumentException().isThrownBy(() -> new Amf3Writer().write(value));
        }
        assertThatIllegalArgumentException().isThrownBy(() -> new Amf0Writer().write(List.of(new Object())));
    }

    @Test
    void map_keys_must_be_strings() {
        Map<Object, Object> numericKeys = new HashMap<>(Map.of(1, "one"));
        assertThatIllegalArgumentException().isThrownBy(() -> new Amf0Writer().write(numericKeys));
        assertThatIllegalArgumentException().isThrownBy(() -> new Amf3Writer().write(numericKeys));
        Map<String, Object> nullKey = new HashMap<>();
        nullKey.put(null, 1);
        assertThatIllegalArgumentException().isThrownBy(() -> new Amf0Writer().write(nullKey));
        assertThatIllegalArgumentException().isThrownBy(() -> new Amf3Writer().write(nullKey));
    }

    @Test
    void amf3_cannot_write_an_empty_member_name_because_it_ends_the_members() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Amf3Writer().write(Map.of("", 1)));
    }

    @Test
    void amf0_property_and_class_names_must_fit_16_bits() {
        String tooLong = "k".repeat(65_536);
        assertThatIllegalArgumentException().isThrownBy(() -> new Amf0Writer().write(Map.of(tooLong, 1)));
        assertThatIllegalArgumentException().isThrownBy(
                () -> new Amf0Writer().write(new AmfTypedObject(tooLong, new LinkedHashMap<>())));
    }

    @Test
    void values_that_contain_themselves_are_refused() {
        Map<String, Object> selfContaining = new LinkedHashMap<>();
        selfContaining.put("me", selfContaining);
        List<Object> selfList = new ArrayList<>();
        selfList.add(selfList);
        assertThatIllegalArgumentException().isThrownBy(() -> new Amf0Writer().write(selfContaining));
        assertThatIllegalArgumentException().isThrownBy(() -> new Amf3Writer().write(selfContaining));
        assertThatIllegalArgumentException().isThrownBy(() -> new Amf0Writer().write(selfList));
        assertThatIllegalArgumentException().isThrownBy(() -> new Amf3Writer().write(selfList));
    }

    @Test
    void a_refused_amf0_value_leaves_earlier_output_as_it_was() {
        Amf0Writer writer = new Amf0Writer().write("ok");
        byte[] before = writer.toByteArray();
        assertThatIllegalArgumentException().isThrownBy(() -> writer.write(List.of(1, new Object())));
        assertThat(writer.toByteArray()).isEqualTo(before);
        assertThat(writer.size()).isEqualTo(before.length);
        writer.write(2);
        assertThat(new Amf0Reader(ByteBuffer.wrap(writer.toByteArray())).readAll()).containsExactly("ok", 2.0);
    }

    @Test
    void a_refused_amf3_value_leaves_output_and_reference_tables_as_they_were() {
        Amf3Writer writer = new Amf3Writer().write("ok");
        byte[] before = writer.toByteArray();
        // registers the string "fresh", an array and a traits entry before failing
        assertThatIllegalArgumentException().isThrownBy(
                () -> writer.write(List.of("fresh", Map.of("k", 1), new Object())));
        assertThat(writer.toByteArray()).isEqualTo(before);
        writer.write(List.of("fresh", Map.of("k", 1))).write("ok");
        Amf3Reader reader = new Amf3Reader(ByteBuffer.wrap(writer.toByteArray()));
        assertThat(reader.read()).isEqualTo("ok");
        assertThat(reader.read()).isEqualTo(List.of("fresh", Map.of("k", 1)));
        assertThat(reader.read()).isEqualTo("ok");
    }

    @Test
    void limits_must_be_sane() {
        assertThatIllegalArgumentException().isThrownBy(() -> new AmfLimits(0, 1, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new AmfLimits(AmfLimits.DEPTH_CEILING + 1, 1, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new AmfLimits(1, 0, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new AmfLimits(1, 1, 0));
        assertThat(AmfLimits.defaults()).isEqualTo(new AmfLimits(32, 65_536, 1 << 20));
    }
}
