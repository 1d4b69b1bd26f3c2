package dev.inlet.rtmp.amf;

import static dev.inlet.rtmp.amf.Amf3Markers.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Encodes Java values as AMF3 (see the package documentation for the type mapping). Like the
 * reader, the writer keeps its string, object and traits tables across {@link #write} calls,
 * so repeated strings, repeated instances and objects of the same shape are written as
 * references.
 *
 * <p>Numbers: {@code Byte}, {@code Short}, {@code Integer} and {@code Long} within the 29-bit
 * integer range become AMF3 integers, every other number a double. Maps become anonymous
 * dynamic objects, {@link AmfTypedObject} a sealed object of its class, {@link AmfEcmaArray}
 * an array with only an associative part (so an empty one reads back as an empty list),
 * lists and {@code Object[]} dense arrays, {@link AmfXmlDocument} an XMLDocument (0x07).
 * Dates lose their time zone field, which AMF3 does not have.
 *
 * <p>A rejected value ({@link IllegalArgumentException}) leaves the output and the reference
 * tables as they were before that {@link #write} call.
 */
public final class Amf3Writer {

    private record TraitsKey(String className, boolean dynamic, List<String> sealedMemberNames) {
    }

    private static final TraitsKey ANONYMOUS_DYNAMIC = new TraitsKey("", true, List.of());

    private final ByteSink out = new ByteSink();
    private final Map<String, Integer> strings = new HashMap<>();
    private final Map<Object, Integer> objects = new IdentityHashMap<>();
    private final Map<TraitsKey, Integer> traits = new HashMap<>();
    private final Set<Object> beingWritten = Collections.newSetFromMap(new IdentityHashMap<>());

    public Amf3Writer() {
    }

    /**
     * @throws IllegalArgumentException for a type with no AMF3 encoding, a map key that is not
     *                                  a string, a string or collection too large for a U29
     *                                  length, or a value that contains itself
     */
    public Amf3Writer write(Object value) {
        int sizeBefore = out.size();
        int stringsBefore = strings.size();
        int objectsBefore = objects.size();
        int traitsBefore = traits.size();
        try {
            writeValue(value);
        } catch (RuntimeException e) {
            out.truncate(sizeBefore);
            strings.values().removeIf(index -> index >= stringsBefore);
            objects.values().removeIf(index -> index >= objectsBefore);
            traits.values().removeIf(index -> index >= traitsBefore);
            beingWritten.clear();
            throw e;
        }
        return this;
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    private void writeValue(Object value) {
        if (value == null) {
            out.u8(NULL);
        } else if (value == AmfUndefined.INSTANCE) {
            out.u8(UNDEFINED);
        } else if (value instanceof Boolean bool) {
            out.u8(bool ? TRUE : FALSE);
        } else if (value instanceof Number number) {
            writeNumber(number);
        } else if (value instanceof CharSequence text) {
            out.u8(STRING);
            writeString(text.toString());
        } else if (value instanceof AmfXmlDocument xml) {
            out.u8(XML_DOCUMENT);
            if (writeReferenceOrRegister(xml)) {
                writeInlineBytes(xml.xml().getBytes(StandardCharsets.UTF_8));
            }
        } else if (value instanceof AmfDate date) {
            out.u8(DATE);
            if (writeReferenceOrRegister(date)) {
                writeU29(1);
                out.f64(date.millisSinceEpoch());
            }
        } else if (value instanceof byte[] bytes) {
            out.u8(BYTE_ARRAY);
            if (writeReferenceOrRegister(bytes)) {
                writeInlineBytes(bytes);
            }
        } else if (value instanceof AmfTypedObject typed) {
            out.u8(OBJECT);
            writeContainer(typed, () -> writeTypedObject(typed));
        } else if (value instanceof AmfEcmaArray array) {
            out.u8(ARRAY);
            writeContainer(array, () -> writeAssociativeArray(array));
        } else if (value instanceof Map<?, ?> map) {
            out.u8(OBJECT);
            writeContainer(map, () -> writeAnonymousObject(map));
        } else if (value instanceof List<?> list) {
            out.u8(ARRAY);
            writeContainer(list, () -> writeDenseArray(list));
        } else if (value instanceof Object[] array) {
            out.u8(ARRAY);
            writeContainer(array, () -> writeDenseArray(Arrays.asList(array)));
        } else {
            throw new IllegalArgumentException("no AMF3 encoding for " + value.getClass().getName());
        }
    }

    private void writeNumber(Number number) {
        boolean integral = number instanceof Integer || number instanceof Long
                || number instanceof Short || number instanceof Byte;
        long asLong = number.longValue();
        if (integral && asLong >= INTEGER_MIN && asLong <= INTEGER_MAX) {
            out.u8(INTEGER);
            writeU29((int) asLong & U29_MAX);
        } else {
            out.u8(DOUBLE);
            out.f64(number.doubleValue());
        }
    }

    /** Three 7-bit groups with a continuation bit, then a full 8-bit group: 1 to 4 bytes. */
    private void writeU29(int value) {
        if (value < 0 || value > U29_MAX) {
            throw new IllegalArgumentException("out of U29 range: " + value);
        }
        if (value < 0x80) {
            out.u8(value);
        } else if (value < 0x4000) {
            out.u8(0x80 | value >>> 7);
            out.u8(value & 0x7F);
        } else if (value < 0x20_0000) {
            out.u8(0x80 | value >>> 14);
            out.u8(0x80 | (value >>> 7) & 0x7F);
            out.u8(value & 0x7F);
        } else {
            out.u8(0x80 | value >>> 22);
            out.u8(0x80 | (value >>> 15) & 0x7F);
            out.u8(0x80 | (value >>> 8) & 0x7F);
            out.u8(value & 0xFF);
        }
    }

    /** A string body (no marker); the empty string is always inline, never referenced. */
    private void writeString(String text) {
        if (text.isEmpty()) {
            writeU29(1);
            return;
        }
        Integer index = strings.get(text);
        if (index != null) {
            writeU29(index << 1);
            return;
        }
        writeInlineBytes(text.getBytes(StandardCharsets.UTF_8));
        strings.put(text, strings.size());
    }

    private void writeInlineBytes(byte[] bytes) {
        writeU29(inlineHeader(bytes.length));
        out.bytes(bytes);
    }

    private static int inlineHeader(int lengthOrCount) {
        if (lengthOrCount > MAX_INLINE_LENGTH) {
            throw new IllegalArgumentException("too large for AMF3: " + lengthOrCount);
        }
        return lengthOrCount << 1 | 1;
    }

    /** Writes a reference if the instance was written before; otherwise numbers it and returns true. */
    private boolean writeReferenceOrRegister(Object value) {
        Integer index = objects.get(value);
        if (index != null) {
            writeU29(index << 1);
            return false;
        }
        objects.put(value, objects.size());
        return true;
    }

    private void writeContainer(Object container, Runnable contents) {
        if (beingWritten.contains(container)) {
            throw new IllegalArgumentException("value contains itself: "
                    + container.getClass().getName() + " cannot be written");
        }
        if (writeReferenceOrRegister(container)) {
            beingWritten.add(container);
            contents.run();
            beingWritten.remove(container);
        }
    }

    private void writeDenseArray(List<?> list) {
        writeU29(inlineHeader(list.size()));
        writeString("");
        for (Object element : list) {
            writeValue(element);
        }
    }

    private void writeAssociativeArray(Map<String, Object> array) {
        writeU29(inlineHeader(0));
        writeDynamicMembers(array);
    }

    private void writeAnonymousObject(Map<?, ?> map) {
        writeTraits(ANONYMOUS_DYNAMIC);
        writeDynamicMembers(map);
    }

    private void writeTypedObject(AmfTypedObject typed) {
        List<String> names = new ArrayList<>(typed.properties().keySet());
        writeTraits(new TraitsKey(typed.className(), false, List.copyOf(names)));
        for (Object value : typed.properties().values()) {
            writeValue(value);
        }
    }

    /**
     * The object header after the marker: a traits reference (bits …01), or inline traits
     * (bits …011, then the dynamic bit, then the sealed member count) followed by the class
     * name and the sealed member names.
     */
    private void writeTraits(TraitsKey key) {
        Integer index = traits.get(key);
        if (index != null) {
            writeU29(index << 2 | 0b01);
            return;
        }
        int count = key.sealedMemberNames().size();
        if (count > U29_MAX >>> 4) {
            throw new IllegalArgumentException("too many members for AMF3: " + count);
        }
        writeU29(count << 4 | (key.dynamic() ? 0b1000 : 0) | 0b011);
        writeString(key.className());
        for (String name : key.sealedMemberNames()) {
            writeString(name);
        }
        traits.put(key, traits.size());
    }

    /** Name/value pairs ending with the empty string. */
    private void writeDynamicMembers(Map<?, ?> members) {
        for (Map.Entry<?, ?> entry : members.entrySet()) {
            if (!(entry.getKey() instanceof String key) || key.isEmpty()) {
                throw new IllegalArgumentException("AMF3 member names must be non-empty strings, got "
                        + (entry.getKey() == null ? "null" : "'" + entry.getKey() + "'"));
            }
            writeString(key);
            writeValue(entry.getValue());
        }
        writeString("");
    }
}
