package dev.inlet.rtmp.amf;

import java.util.LinkedHashMap;
import java.util.Objects;

/**
 * An object that carries an ActionScript class name (AMF0 typed object, AMF3 object with a
 * non-empty class name). The properties keep their wire order.
 */
public record AmfTypedObject(String className, LinkedHashMap<String, Object> properties) {

    public AmfTypedObject {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(properties, "properties");
    }
}
