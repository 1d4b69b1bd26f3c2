package dev.inlet.rtmp.amf;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An associative ("ECMA") array, as used by {@code onMetaData}. It is an ordinary insertion
 * ordered map, so readers that only want key/value pairs can treat it as one; its own type
 * only tells the writers to use the ECMA array encoding instead of an anonymous object.
 */
public class AmfEcmaArray extends LinkedHashMap<String, Object> {

    private static final long serialVersionUID = 1L;

    public AmfEcmaArray() {
        super();
    }

    public AmfEcmaArray(Map<String, ?> entries) {
        super(entries);
    }
}
