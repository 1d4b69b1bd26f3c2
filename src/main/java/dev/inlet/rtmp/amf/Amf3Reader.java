package dev.inlet.rtmp.amf;

import static dev.inlet.rtmp.amf.Amf3Markers.*;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes AMF3 values from a buffer, advancing its position. The string, object and traits
 * reference tables live as long as the reader: values read later may refer to earlier ones.
 * See the package documentation for the Java type of each AMF3 type.
 *
 * <p>Strictness beyond the specification: a U29 written with more bytes than its value needs
 * is MALFORMED; references into an object still being read (cycles) are MALFORMED;
 * externalizable objects are UNSUPPORTED, because their body format is private to their class.
 *
 * <p>Every failure is an {@link dev.inlet.rtmp.RtmpProtocolException}; after one, the reader
 * should be discarded.
 */
public final class Amf3Reader {

    /** What the traits of an object say about its members. */
    private record Traits(String className, boolean dynamic, List<String> sealedMemberNames) {
    }

    private final DecodeContext context;
    private final WireInput in;
    private final List<String> strings = new ArrayList<>();
    private final ReferenceTable objects = new ReferenceTable();
    private final List<Traits> traits = new ArrayList<>();

    public Amf3Reader(ByteBuffer in, AmfLimits limits) {
        this(new DecodeContext(new WireInput(in), limits));
    }

    public Amf3Reader(ByteBuffer in) {
        this(in, AmfLimits.defaults());
    }

    /** A reader with fresh reference tables that continues an enclosing decoding pass. */
    Amf3Reader(DecodeContext context) {
        this.context = context;
        this.in = context.in;
    }

    public boolean hasRemaining() {
        return in.hasRemaining();
    }

    /** Reads one value. */
    public Object read() {
        context.beginTopLevelValue();
        return readValue();
    }

    /** Reads one value as part of an enclosing AMF0 value (the AVM+ switch). */
    Object readEmbeddedValue() {
        return readValue();
    }

    private Object readValue() {
        context.countValues(1);
        int marker = in.u8();
        return switch (marker) {
            case UNDEFINED -> AmfUndefined.INSTANCE;
            case NULL -> null;
            case FALSE -> Boolean.FALSE;
            case TRUE -> Boolean.TRUE;
            case INTEGER -> (readU29() << 3) >> 3;
            case DOUBLE -> in.f64();
            case STRING -> readString();
            case XML_DOCUMENT, XML -> readXml();
            case DATE -> readDate();
            case ARRAY -> readArray();
            case OBJECT -> readObject();
            case BYTE_ARRAY -> readByteArray();
            case VECTOR_INT, VECTOR_UINT, VECTOR_DOUBLE -> readNumberVector(marker);
            case VECTOR_OBJECT -> readObjectVector();
            case DICTIONARY -> readDictionary();
            default -> throw AmfErrors.malformed("unknown AMF3 marker 0x" + Integer.toHexString(marker));
        };
    }

    /** A variable-length unsigned 29-bit integer: up to three 7-bit groups, then one 8-bit group. */
    private int readU29() {
        int value = 0;
        for (int length = 1; length <= 3; length++) {
            int b = in.u8();
            value = (value << 7) | (b & 0x7F);
            if ((b & 0x80) == 0) {
                return requireShortest(value, length);
            }
        }
        value = (value << 8) | in.u8();
        return requireShortest(value, 4);
    }

    private static int requireShortest(int value, int length) {
        int smallestForLength = switch (length) {
            case 1 -> 0;
            case 2 -> 0x80;
            case 3 -> 0x4000;
            default -> 0x20_0000;
        };
        if (value < smallestForLength) {
            throw AmfErrors.malformed("over-long U29: " + value + " written in " + length + " bytes");
        }
        return value;
    }

    /** The body of a string (no marker): inline, or a reference into the string table. */
    private String readString() {
        int header = readU29();
        if (isReference(header)) {
            int index = header >>> 1;
            if (index >= strings.size()) {
                throw AmfErrors.malformed("string reference " + index + " but only " + strings.size()
                        + " strings were read");
            }
            return strings.get(index);
        }
        String value = in.utf8(header >>> 1, context.limits.maxStringBytes(), "string");
        if (!value.isEmpty()) {
            strings.add(value);
        }
        return value;
    }

    private Object readXml() {
        int header = readU29();
        if (isReference(header)) {
            return objects.resolve(header >>> 1, context);
        }
        AmfXmlDocument xml = new AmfXmlDocument(
                in.utf8(header >>> 1, context.limits.maxStringBytes(), "XML document"));
        objects.registerLeaf(xml, context);
        return xml;
    }

    private Object readDate() {
        int header = readU29();
        if (isReference(header)) {
            return objects.resolve(header >>> 1, context);
        }
        AmfDate date = new AmfDate(in.f64(), (short) 0);
        objects.registerLeaf(date, context);
        return date;
    }

    private Object readByteArray() {
        int header = readU29();
        if (isReference(header)) {
            return objects.resolve(header >>> 1, context);
        }
        byte[] bytes = in.bytes(header >>> 1, context.limits.maxStringBytes(), "byte array");
        objects.registerLeaf(bytes, context);
        return bytes;
    }

    /**
     * An array is a dense part, preceded by an associative part that ends with the empty
     * string. Dense-only arrays become lists; the others become ECMA arrays holding the
     * associative entries followed by the dense ones under the keys "0", "1", …
     */
    private Object readArray() {
        int header = readU29();
        if (isReference(header)) {
            return objects.resolve(header >>> 1, context);
        }
        int denseCount = header >>> 1;
        context.checkCollectionSize(denseCount, "array");
        in.requireItems(denseCount, 1, "array");
        String firstKey = readString();
        if (firstKey.isEmpty()) {
            List<Object> list = new ArrayList<>(denseCount);
            readContents(list, () -> {
                for (int i = 0; i < denseCount; i++) {
                    list.add(readValue());
                }
            });
            return list;
        }
        AmfEcmaArray array = new AmfEcmaArray();
        readContents(array, () -> {
            long entries = denseCount;
            for (String key = firstKey; !key.isEmpty(); key = readString()) {
                context.checkCollectionSize(++entries, "array");
                array.put(key, readValue());
            }
            for (int i = 0; i < denseCount; i++) {
                array.put(Integer.toString(i), readValue());
            }
        });
        return array;
    }

    private Object readObject() {
        int header = readU29();
        if (isReference(header)) {
            return objects.resolve(header >>> 1, context);
        }
        Traits objectTraits = readTraits(header);
        LinkedHashMap<String, Object> properties = new LinkedHashMap<>();
        Object object = objectTraits.className().isEmpty()
                ? properties
                : new AmfTypedObject(objectTraits.className(), properties);
        readContents(object, () -> {
            for (String name : objectTraits.sealedMemberNames()) {
                properties.put(name, readValue());
            }
            if (objectTraits.dynamic()) {
                long entries = objectTraits.sealedMemberNames().size();
                for (String key = readString(); !key.isEmpty(); key = readString()) {
                    context.checkCollectionSize(++entries, "object");
                    properties.put(key, readValue());
                }
            }
        });
        return object;
    }

    /** Header bits after the object-reference bit: traits-reference, externalizable, dynamic, count. */
    private Traits readTraits(int header) {
        if ((header & 0b10) == 0) {
            int index = header >>> 2;
            if (index >= traits.size()) {
                throw AmfErrors.malformed("traits reference " + index + " but only " + traits.size()
                        + " traits were read");
            }
            return traits.get(index);
        }
        if ((header & 0b100) != 0) {
            throw AmfErrors.unsupported("externalizable AMF3 object (class-specific format)");
        }
        boolean dynamic = (header & 0b1000) != 0;
        int sealedCount = header >>> 4;
        context.checkCollectionSize(sealedCount, "object");
        in.requireItems(sealedCount, 1, "object traits");
        String className = readString();
        List<String> names = new ArrayList<>(sealedCount);
        for (int i = 0; i < sealedCount; i++) {
            names.add(readString());
        }
        Traits read = new Traits(className, dynamic, List.copyOf(names));
        traits.add(read);
        return read;
    }

    /** Vector.&lt;int&gt;, Vector.&lt;uint&gt; and Vector.&lt;Number&gt;: fixed-size elements. */
    private Object readNumberVector(int marker) {
        int header = readU29();
        if (isReference(header)) {
            return objects.resolve(header >>> 1, context);
        }
        int count = header >>> 1;
        in.u8(); // fixed-length flag: meaningless once decoded
        context.checkCollectionSize(count, "vector");
        in.requireItems(count, marker == VECTOR_DOUBLE ? 8 : 4, "vector");
        context.countValues(count);
        List<Object> vector = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            vector.add(switch (marker) {
                case VECTOR_INT -> (Object) in.s32();
                case VECTOR_UINT -> (Object) in.u32();
                default -> (Object) in.f64();
            });
        }
        objects.registerLeaf(vector, context);
        return vector;
    }

    private Object readObjectVector() {
        int header = readU29();
        if (isReference(header)) {
            return objects.resolve(header >>> 1, context);
        }
        int count = header >>> 1;
        in.u8(); // fixed-length flag
        readString(); // element type name: the elements carry their own types
        context.checkCollectionSize(count, "vector");
        in.requireItems(count, 1, "vector");
        List<Object> vector = new ArrayList<>(count);
        readContents(vector, () -> {
            for (int i = 0; i < count; i++) {
                vector.add(readValue());
            }
        });
        return vector;
    }

    private Object readDictionary() {
        int header = readU29();
        if (isReference(header)) {
            return objects.resolve(header >>> 1, context);
        }
        int count = header >>> 1;
        in.u8(); // weak-keys flag: meaningless outside the Flash runtime
        context.checkCollectionSize(count, "dictionary");
        in.requireItems(count, 2, "dictionary");
        Map<Object, Object> dictionary = new LinkedHashMap<>();
        readContents(dictionary, () -> {
            for (int i = 0; i < count; i++) {
                Object key = readValue();
                dictionary.put(key, readValue());
            }
        });
        return dictionary;
    }

    private void readContents(Object container, Runnable contents) {
        int index = objects.register(container, context);
        context.enterContainer();
        contents.run();
        context.exitContainer();
        objects.complete(index, context);
    }

    private static boolean isReference(int header) {
        return (header & 1) == 0;
    }
}
