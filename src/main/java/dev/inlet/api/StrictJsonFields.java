package dev.inlet.api;

import dev.inlet.api.problems.InvalidBodyException;
import dev.inlet.api.problems.Problem;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Binds a JSON object onto a {@link JsonRequestBody}, refusing what JSON-B would coerce: a member must have the
 * JSON type of its field — a string for {@code String}, {@code true}/{@code false} for {@code Boolean}, a whole
 * number within range for {@code Integer} and {@code Long} — or be {@code null}, which leaves the field unset
 * (as an absent member does). Members the class has no field for are ignored, as JSON-B ignores them.
 */
public final class StrictJsonFields {

    static final String STRING = "must be a string";
    static final String TRUE_OR_FALSE = "must be true or false";
    static final String WHOLE_NUMBER = "must be a whole number";
    static final String OUT_OF_RANGE = "is out of range";

    /** More integer digits than this cannot fit a long, whatever they are. */
    private static final int MAX_LONG_DIGITS = 19;

    private StrictJsonFields() {
    }

    /** @throws InvalidBodyException naming every member of the wrong type */
    public static <T extends JsonRequestBody> T bind(JsonObject json, Class<T> type) {
        T body = newInstance(type);
        List<Problem.FieldError> errors = new ArrayList<>();
        for (Field field : type.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) || Modifier.isTransient(field.getModifiers())
                    || !json.containsKey(field.getName())) {
                continue;
            }
            try {
                field.set(body, convert(field, json.get(field.getName())));
            } catch (WrongType wrong) {
                errors.add(new Problem.FieldError(field.getName(), wrong.getMessage()));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(field + " of a request body must be public and not final", e);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidBodyException(errors);
        }
        return body;
    }

    private static Object convert(Field field, JsonValue value) throws WrongType {
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        Class<?> type = field.getType();
        if (type == String.class) {
            if (value instanceof JsonString string) {
                return string.getString();
            }
            throw new WrongType(STRING);
        }
        if (type == Boolean.class) {
            return switch (value.getValueType()) {
                case TRUE -> Boolean.TRUE;
                case FALSE -> Boolean.FALSE;
                default -> throw new WrongType(TRUE_OR_FALSE);
            };
        }
        if (type == Integer.class) {
            return (int) wholeNumber(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        if (type == Long.class) {
            return wholeNumber(value, Long.MIN_VALUE, Long.MAX_VALUE);
        }
        throw new IllegalStateException(field + ": a request body field is String, Boolean, Integer or Long");
    }

    /** A number without a fractional part ({@code 2}, {@code 2.0}, {@code 2e0}) between min and max. */
    private static long wholeNumber(JsonValue value, long min, long max) throws WrongType {
        if (!(value instanceof JsonNumber number)) {
            throw new WrongType(WHOLE_NUMBER);
        }
        BigDecimal exact = number.bigDecimalValue();
        // counted from precision and scale, so an exponent such as 1e999999999 is never expanded
        if (exact.signum() != 0 && exact.precision() - exact.scale() > MAX_LONG_DIGITS) {
            throw new WrongType(OUT_OF_RANGE);
        }
        BigDecimal stripped = exact.stripTrailingZeros();
        if (stripped.scale() > 0) {
            throw new WrongType(WHOLE_NUMBER);
        }
        BigInteger whole = stripped.toBigIntegerExact();
        if (whole.compareTo(BigInteger.valueOf(min)) < 0 || whole.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new WrongType(OUT_OF_RANGE);
        }
        return whole.longValueExact();
    }

    private static <T> T newInstance(Class<T> type) {
        try {
            return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type + " needs a public no-argument constructor", e);
        }
    }

    /** Why one member cannot be bound; collected, not thrown out. */
    private static final class WrongType extends Exception {
        WrongType(String message) {
            super(message, null, false, false);
        }
    }
}
