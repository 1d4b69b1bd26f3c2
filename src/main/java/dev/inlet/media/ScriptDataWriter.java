package dev.inlet.media;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The little of AMF0 that FLV script data (FLV v10.1 section E.4.4) needs to write {@code onMetaData}: numbers,
 * booleans, short strings and ECMA arrays. The full AMF0 codec lives in the RTMP layer; media does not depend on it.
 */
final class ScriptDataWriter {

    private static final int NUMBER = 0x00;
    private static final int BOOLEAN = 0x01;
    private static final int STRING = 0x02;
    private static final int ECMA_ARRAY = 0x08;
    private static final int OBJECT_END = 0x09;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** The body of a script-data tag: the name as an AMF0 string, then the properties as an ECMA array. */
    static byte[] message(String name, Map<String, ?> properties) {
        ScriptDataWriter writer = new ScriptDataWriter();
        writer.value(name);
        writer.ecmaArray(properties);
        return writer.out.toByteArray();
    }

    private void value(Object value) {
        if (value instanceof Number number) {
            out.write(NUMBER);
            long bits = Double.doubleToLongBits(number.doubleValue());
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (bits >>> shift));
            }
        } else if (value instanceof Boolean flag) {
            out.write(BOOLEAN);
            out.write(flag ? 1 : 0);
        } else if (value instanceof String text) {
            out.write(STRING);
            utf8(text);
        } else if (value instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, ?> properties = (Map<String, ?>) map;
            ecmaArray(properties);
        } else {
            throw new IllegalArgumentException("no script-data encoding for " + value);
        }
    }

    private void ecmaArray(Map<String, ?> properties) {
        out.write(ECMA_ARRAY);
        int count = properties.size();
        out.write(count >>> 24);
        out.write(count >>> 16);
        out.write(count >>> 8);
        out.write(count);
        properties.forEach((key, item) -> {
            utf8(key);
            value(item);
        });
        utf8(""); // an empty key and the object-end marker close the array
        out.write(OBJECT_END);
    }

    private void utf8(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0xFFFF) {
            throw new IllegalArgumentException("script-data string of " + bytes.length + " bytes");
        }
        out.write(bytes.length >>> 8);
        out.write(bytes.length);
        out.writeBytes(bytes);
    }
}
