package dev.inlet.api.webhook;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyVisibilityStrategy;
import jakarta.json.bind.serializer.JsonbSerializer;
import jakarta.json.bind.serializer.SerializationContext;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonParser;

import java.io.StringReader;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Optional;

/**
 * JSON of the webhooks through the standard APIs only (JSON-B to write the payload records, JSON-P to read
 * a receiver's answer), so it behaves the same on Payara and WildFly (both bring Yasson) and in unit tests.
 *
 * <ul>
 *   <li>Properties are the records' fields, for the reason {@code dev.inlet.api.JsonMapping} gives: Payara
 *       Embedded's shaded Yasson does not see record components and would write {}.</li>
 *   <li>Null values are written ({@code "error":null}), so every payload of one event has the same keys.</li>
 *   <li>A NaN or infinite {@code Double} is written as null: JSON has no such numbers. Payload records
 *       therefore declare decimal numbers as {@code Double}; JSON-B refuses a non-finite primitive
 *       {@code double} and applies no serializer to it.</li>
 * </ul>
 */
final class WebhookJson {

    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig()
            .withPropertyVisibilityStrategy(new FieldsOnly())
            .withNullValues(true)
            .withSerializers(new FiniteOrNull()));

    private WebhookJson() {
    }

    static String write(Object payload) {
        return JSONB.toJson(payload);
    }

    /**
     * The string value of {@code name} in a top-level JSON object; empty when the text is no well-formed
     * object or the value is no string. Read with the streaming parser, which keeps its nesting on the heap,
     * because the body comes from a receiver and may be anything (arbitrarily deep, cut off).
     */
    static Optional<String> stringField(String json, String name) {
        try (JsonParser parser = Json.createParser(new StringReader(json))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                return Optional.empty();
            }
            int depth = 1;
            String found = null;
            boolean atName = false;
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                switch (event) {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> depth--;
                    case KEY_NAME -> {
                        atName = depth == 1 && found == null && parser.getString().equals(name);
                        continue;
                    }
                    case VALUE_STRING -> {
                        if (atName) {
                            found = parser.getString();
                        }
                    }
                    default -> {
                    }
                }
                atName = false;
            }
            return depth == 0 ? Optional.ofNullable(found) : Optional.empty();
        } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
            return Optional.empty();
        }
    }

    /** Every instance field is a property; no method is. */
    private static final class FieldsOnly implements PropertyVisibilityStrategy {

        @Override
        public boolean isVisible(Field field) {
            return !Modifier.isStatic(field.getModifiers()) && !Modifier.isTransient(field.getModifiers());
        }

        @Override
        public boolean isVisible(Method method) {
            return false;
        }
    }

    /** Writes NaN and the infinities as null instead of failing the whole payload. */
    private static final class FiniteOrNull implements JsonbSerializer<Double> {

        @Override
        public void serialize(Double value, JsonGenerator generator, SerializationContext context) {
            if (value.isNaN() || value.isInfinite()) {
                generator.writeNull();
            } else {
                generator.write(value);
            }
        }
    }
}
