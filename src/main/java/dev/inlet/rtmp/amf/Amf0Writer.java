package dev.inlet.rtmp.amf;

import static dev.inlet.rtmp.amf.Amf0Markers.*;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Encodes Java values as AMF0 (see the package documentation for the type mapping).
 *
 * <p>The writer never emits references (0x07): many RTMP peers do not understand them, so a
 * value that appears twice is written twice. A value that contains itself cannot be written
 * that way and is refused. {@code byte[]} has no AMF0 type and is written as an AMF3
 * ByteArray behind the AVM+ switch (0x11).
 *
 * <p>A rejected value ({@link IllegalArgumentException}) leaves the output as it was before
 * that {@link #write} call.
 */
public final class Amf0Writer {

    private final ByteSink out = new ByteSink();
    private final Set<Object> beingWritten = Collections.newSetFromMap(new IdentityHashMap<>());

    public Amf0Writer() {
    }

    /**
     * @throws IllegalArgumentException for a type with no AMF0 encoding, a map key that is not
     *                                  a string, a key or class name over 65 535 UTF-8 bytes,
     *                                  or a value that contains itself
     */
    public Amf0Writer write(Object value) {
        int sizeBefore = out.size();
        try {
            writeValue(value);
        } catch (RuntimeException e) {
            out.truncate(sizeBefore);
            beingWritten.clear();
            throw e;
        }
        return this;
    }

    public Amf0Writer writeAll(Object... values) {
        for (Object value : values) {
            write(value);
        }
        return this;
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    public int size() {
        return out.size();
    }

    private void writeValue(Object value) {
        if (value == null) {
            out.u8(NULL);
        } else if (value instanceof Number number) {
            out.u8(NUMBER);
            out.f64(number.doubleValue());
        } else if (value instanceof Boolean bool) {
            out.u8(BOOLEAN);
            out.u8(bool ? 1 : 0);
        } else if (value instanceof CharSequence text) {
            writeString(text.toString());
        } else if (value == AmfUndefined.INSTANCE) {
            out.u8(UNDEFINED);
        } else if (value instanceof AmfDate date) {
            out.u8(DATE);
            out.f64(date.millisSinceEpoch());
            out.u16(date.timeZoneMinutes() & 0xFFFF);
        } else if (value instanceof AmfXmlDocument xml) {
            byte[] utf8 = xml.xml().getBytes(StandardCharsets.UTF_8);
            out.u8(XML_DOCUMENT);
            out.u32(utf8.length);
            out.bytes(utf8);
        } else if (value instanceof AmfTypedObject typed) {
            writeContainer(typed, () -> {
                out.u8(TYPED_OBJECT);
                writeShortString(typed.className(), "class name");
                writeProperties(typed.properties());
            });
        } else if (value instanceof AmfEcmaArray array) {
            writeContainer(array, () -> {
                out.u8(ECMA_ARRAY);
                out.u32(array.size());
                writeProperties(array);
            });
        } else if (value instanceof Map<?, ?> map) {
            writeContainer(map, () -> {
                out.u8(OBJECT);
                writeProperties(map);
            });
        } else if (value instanceof List<?> list) {
            writeContainer(list, () -> writeStrictArray(list));
        } else if (value instanceof Object[] array) {
            writeContainer(array, () -> writeStrictArray(Arrays.asList(array)));
        } else if (value instanceof byte[] bytes) {
            out.u8(AVMPLUS_OBJECT);
            out.bytes(new Amf3Writer().write(bytes).toByteArray());
        } else {
            throw new IllegalArgumentException("no AMF0 encoding for " + value.getClass().getName());
        }
    }

    /** Strings whose UTF-8 form does not fit a 16-bit length become long strings. */
    private void writeString(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= MAX_SHORT_STRING_BYTES) {
            out.u8(STRING);
            out.u16(utf8.length);
        } else {
            out.u8(LONG_STRING);
            out.u32(utf8.length);
        }
        out.bytes(utf8);
    }

    private void writeStrictArray(List<?> list) {
        out.u8(STRICT_ARRAY);
        out.u32(list.size());
        for (Object element : list) {
            writeValue(element);
        }
    }

    private void writeProperties(Map<?, ?> properties) {
        for (Map.Entry<?, ?> entry : properties.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new IllegalArgumentException("AMF0 property names must be strings, got "
                        + (entry.getKey() == null ? "null" : entry.getKey().getClass().getName()));
            }
            writeShortString(key, "property name");
            writeValue(entry.getValue());
        }
        out.u16(0);
        out.u8(OBJECT_END);
    }

    /** A length-prefixed string without marker (property names, class names). */
    private void writeShortString(String text, String what) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > MAX_SHORT_STRING_BYTES) {
            throw new IllegalArgumentException(what + " longer than 65535 UTF-8 bytes");
        }
        out.u16(utf8.length);
        out.bytes(utf8);
    }

    private void writeContainer(Object container, Runnable contents) {
        if (!beingWritten.add(container)) {
            throw new IllegalArgumentException("value contains itself: "
                    + container.getClass().getName() + " cannot be written as AMF0");
        }
        contents.run();
        beingWritten.remove(container);
    }
}
