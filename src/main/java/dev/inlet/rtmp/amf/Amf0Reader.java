package dev.inlet.rtmp.amf;

import static dev.inlet.rtmp.amf.Amf0Markers.*;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes AMF0 values from a buffer, advancing its position. See the package documentation
 * for the Java type of each AMF0 type.
 *
 * <p>References (0x07) count objects, ECMA arrays, strict arrays and typed objects in reading
 * order across every value this reader returns. Markers with no meaning on an RTMP connection
 * (movieclip 0x04, recordset 0x0E) fail as UNSUPPORTED; the "unsupported" marker 0x0D is a
 * well-formed placeholder and decodes to {@link AmfUndefined#INSTANCE}.
 *
 * <p>Every failure is an {@link dev.inlet.rtmp.RtmpProtocolException}; after one, the reader's
 * position and reference table are unspecified and it should be discarded.
 */
public final class Amf0Reader {

    private final DecodeContext context;
    private final WireInput in;
    private final ReferenceTable complexValues = new ReferenceTable();

    public Amf0Reader(ByteBuffer in, AmfLimits limits) {
        this.in = new WireInput(in);
        this.context = new DecodeContext(this.in, limits);
    }

    public Amf0Reader(ByteBuffer in) {
        this(in, AmfLimits.defaults());
    }

    public boolean hasRemaining() {
        return in.hasRemaining();
    }

    /** Reads one value. */
    public Object read() {
        context.beginTopLevelValue();
        return readValue();
    }

    /** Reads values until the buffer is exhausted (a command: name, transaction id, arguments…). */
    public List<Object> readAll() {
        List<Object> values = new ArrayList<>();
        while (hasRemaining()) {
            values.add(read());
        }
        return values;
    }

    private Object readValue() {
        context.countValues(1);
        int marker = in.u8();
        return switch (marker) {
            case NUMBER -> in.f64();
            case BOOLEAN -> in.u8() != 0;
            case STRING -> readString(in.u16());
            case LONG_STRING -> readString(in.u32());
            case OBJECT -> readObject();
            case NULL -> null;
            case UNDEFINED, UNSUPPORTED -> AmfUndefined.INSTANCE;
            case REFERENCE -> complexValues.resolve(in.u16(), context);
            case ECMA_ARRAY -> readEcmaArray();
            case STRICT_ARRAY -> readStrictArray();
            case DATE -> new AmfDate(in.f64(), in.s16());
            case XML_DOCUMENT -> new AmfXmlDocument(readString(in.u32()));
            case TYPED_OBJECT -> readTypedObject();
            case AVMPLUS_OBJECT -> new Amf3Reader(context).readEmbeddedValue();
            case OBJECT_END -> throw AmfErrors.malformed("object-end marker where a value was expected");
            case MOVIECLIP -> throw AmfErrors.unsupported("movieclip marker (0x04) is reserved");
            case RECORDSET -> throw AmfErrors.unsupported("recordset marker (0x0E) is reserved");
            default -> throw AmfErrors.malformed("unknown AMF0 marker 0x" + Integer.toHexString(marker));
        };
    }

    private String readString(long length) {
        return in.utf8(length, context.limits.maxStringBytes(), "string");
    }

    private Map<String, Object> readObject() {
        LinkedHashMap<String, Object> object = new LinkedHashMap<>();
        readContents(object, () -> readProperties(object, "object"));
        return object;
    }

    private AmfTypedObject readTypedObject() {
        String className = readString(in.u16());
        AmfTypedObject object = new AmfTypedObject(className, new LinkedHashMap<>());
        readContents(object, () -> readProperties(object.properties(), "typed object"));
        return object;
    }

    /** The declared count is ignored: encoders get it wrong, the object-end marker is what counts. */
    private AmfEcmaArray readEcmaArray() {
        in.u32();
        AmfEcmaArray array = new AmfEcmaArray();
        readContents(array, () -> readProperties(array, "ECMA array"));
        return array;
    }

    private List<Object> readStrictArray() {
        long count = in.u32();
        context.checkCollectionSize(count, "strict array");
        in.requireItems(count, 1, "strict array");
        List<Object> array = new ArrayList<>((int) count);
        readContents(array, () -> {
            for (long i = 0; i < count; i++) {
                array.add(readValue());
            }
        });
        return array;
    }

    /**
     * Reads key/value pairs up to the object-end marker. An empty key not followed by the
     * marker is an ordinary (if odd) property name, not the end.
     */
    private void readProperties(Map<String, Object> target, String what) {
        int entries = 0;
        while (true) {
            int keyLength = in.u16();
            if (keyLength == 0 && in.peekU8() == OBJECT_END) {
                in.u8();
                return;
            }
            if (++entries > context.limits.maxCollectionSize()) {
                throw AmfErrors.limitExceeded(what + " has more than " + context.limits.maxCollectionSize()
                        + " properties");
            }
            String key = readString(keyLength);
            target.put(key, readValue());
        }
    }

    private void readContents(Object container, Runnable contents) {
        int index = complexValues.register(container, context);
        context.enterContainer();
        contents.run();
        context.exitContainer();
        complexValues.complete(index, context);
    }
}
