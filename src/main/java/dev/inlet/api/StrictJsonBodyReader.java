package dev.inlet.api;

import dev.inlet.api.problems.InvalidBodyException;
import dev.inlet.api.problems.Problem;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Reads every {@link JsonRequestBody} with JSON-P and {@link StrictJsonFields} instead of the server's JSON-B
 * provider, because JSON-B (Yasson, on Payara and WildFly alike) coerces: it reads {@code "yes"} and {@code 1} as
 * a boolean, {@code 123} as a string and {@code 1.5} as an integer. Being the reader for a narrower type than
 * JSON-B's {@code Object}, it is the one the JAX-RS runtime picks for these bodies.
 *
 * <p>An empty body, or the literal {@code null}, is no body (a null parameter), as with JSON-B: resources that
 * need one say so with {@code @NotNull}. Anything else that is not a JSON object is refused.
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
public class StrictJsonBodyReader implements MessageBodyReader<JsonRequestBody> {

    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return JsonRequestBody.class.isAssignableFrom(type);
    }

    @Override
    public JsonRequestBody readFrom(Class<JsonRequestBody> type, Type genericType, Annotation[] annotations,
                                    MediaType mediaType, MultivaluedMap<String, String> headers, InputStream entity)
            throws IOException {
        JsonValue json = read(entity, charsetOf(mediaType));
        if (json == null || json.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (json.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidBodyException(List.of(new Problem.FieldError("body", "must be a JSON object")));
        }
        return StrictJsonFields.bind(json.asJsonObject(), type);
    }

    /** The body's one JSON value, or null when the body is empty; anything after that value makes it unreadable. */
    private static JsonValue read(InputStream entity, Charset charset) throws IOException {
        PushbackInputStream body = new PushbackInputStream(entity, 1);
        int first = body.read();
        if (first < 0) {
            return null;
        }
        body.unread(first);
        try (JsonParser parser = PARSERS.createParser(body, charset)) {
            parser.next();
            JsonValue value = parser.getValue();
            if (parser.hasNext()) {
                throw InvalidBodyException.unreadable();
            }
            return value;
        } catch (JsonException | IllegalStateException | NoSuchElementException e) {
            // not JSON, or more than one value (JsonParsingException is a JsonException)
            throw InvalidBodyException.unreadable();
        }
    }

    private static Charset charsetOf(MediaType mediaType) {
        String name = mediaType == null ? null : mediaType.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (name == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException unknown) {
            throw InvalidBodyException.unreadable();
        }
    }
}
