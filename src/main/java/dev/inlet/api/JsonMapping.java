package dev.inlet.api;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyVisibilityStrategy;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * The one JSON-B configuration of the API: properties are the fields of the API's types (the components of its
 * records, the public fields of its request bodies). Reading fields rather than relying on JSON-B's record
 * support matters on Payara Embedded, whose single shaded jar hides Yasson's record support (a multi-release
 * class) and would write every record as {}.
 */
public final class JsonMapping {

    private JsonMapping() {
    }

    public static Jsonb create() {
        return JsonbBuilder.create(new JsonbConfig().withPropertyVisibilityStrategy(new FieldsOnly()));
    }

    /** Every instance field is a property; no method is. */
    static final class FieldsOnly implements PropertyVisibilityStrategy {

        @Override
        public boolean isVisible(Field field) {
            return !Modifier.isStatic(field.getModifiers()) && !Modifier.isTransient(field.getModifiers());
        }

        @Override
        public boolean isVisible(Method method) {
            return false;
        }
    }
}
