package dev.inlet.api;

import dev.inlet.api.problems.InvalidBodyException;
import dev.inlet.api.problems.Problem;
import dev.inlet.api.streams.InputChoice;
import dev.inlet.api.streams.NewKey;
import dev.inlet.api.streams.NewPlayToken;
import dev.inlet.api.streams.NewStream;
import dev.inlet.api.streams.StreamChanges;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class StrictJsonBodyReaderTest {

    private final StrictJsonBodyReader reader = new StrictJsonBodyReader();

    @Test
    void rightTypesBindAsBefore() {
        StreamChanges changes = read(StreamChanges.class, "{\"name\":\"Late news\",\"enabled\":false,\"privatePlayback\":true}");
        assertThat(changes.name).isEqualTo("Late news");
        assertThat(changes.enabled).isFalse();
        assertThat(changes.privatePlayback).isTrue();

        NewStream stream = read(NewStream.class, "{\"code\":\"news\",\"name\":\"Evening news\"}");
        assertThat(stream.code).isEqualTo("news");
        assertThat(stream.name).isEqualTo("Evening news");
        assertThat(read(NewKey.class, "{\"priority\":2}").priority).isEqualTo(2);
        assertThat(read(InputChoice.class, "{\"priority\":16}").priority).isEqualTo(16);
        assertThat(read(NewPlayToken.class, "{\"ttlSeconds\":3600}").ttlSeconds).isEqualTo(3600L);
    }

    @Test
    void absentAndNullMembersLeaveTheFieldUnsetAndUnknownOnesAreIgnored() {
        StreamChanges changes = read(StreamChanges.class, "{\"enabled\":null,\"colour\":\"blue\",\"extra\":[1]}");
        assertThat(changes.enabled).isNull();
        assertThat(changes.name).isNull();
        assertThat(read(NewKey.class, "{}").priority).isNull();
    }

    @Test
    void anEmptyBodyOrJsonNullIsNoBody() {
        assertThat(read(NewKey.class, "")).isNull();
        assertThat(read(NewKey.class, "null")).isNull();
        assertThat(read(StreamChanges.class, " null ")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"yes\"", "\"true\"", "1", "0", "[true]", "{}"})
    void aBooleanMustBeTrueOrFalse(String value) {
        assertRefused(StreamChanges.class, "{\"enabled\":" + value + "}", "enabled", "must be true or false");
        assertRefused(StreamChanges.class, "{\"privatePlayback\":" + value + "}", "privatePlayback", "must be true or false");
    }

    @ParameterizedTest
    @ValueSource(strings = {"123", "true", "[\"news\"]", "{\"code\":\"news\"}"})
    void aStringMustBeAString(String value) {
        assertRefused(NewStream.class, "{\"code\":" + value + "}", "code", "must be a string");
        assertRefused(StreamChanges.class, "{\"name\":" + value + "}", "name", "must be a string");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"1\"", "1.5", "0.1", "1e-1", "true", "[1]", "{}"})
    void anIntegerMustBeAWholeNumber(String value) {
        assertRefused(InputChoice.class, "{\"priority\":" + value + "}", "priority", "must be a whole number");
        assertRefused(NewKey.class, "{\"priority\":" + value + "}", "priority", "must be a whole number");
        assertRefused(NewPlayToken.class, "{\"ttlSeconds\":" + value + "}", "ttlSeconds", "must be a whole number");
    }

    @Test
    void aWholeNumberMayBeWrittenWithAPointOrAnExponent() {
        assertThat(read(InputChoice.class, "{\"priority\":2.0}").priority).isEqualTo(2);
        assertThat(read(InputChoice.class, "{\"priority\":1e1}").priority).isEqualTo(10);
        assertThat(read(InputChoice.class, "{\"priority\":-0}").priority).isZero();
        assertThat(read(InputChoice.class, "{\"priority\":2147483647}").priority).isEqualTo(Integer.MAX_VALUE);
        assertThat(read(NewPlayToken.class, "{\"ttlSeconds\":9223372036854775807}").ttlSeconds).isEqualTo(Long.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2147483648", "-2147483649", "1e10", "99999999999999999999999"})
    void anIntegerOutsideItsRangeIsOutOfRangeNotTooSmall(String value) {
        assertRefused(InputChoice.class, "{\"priority\":" + value + "}", "priority", "is out of range");
    }

    @ParameterizedTest
    @ValueSource(strings = {"9223372036854775808", "-9223372036854775809", "1.5e30"})
    void aLongOutsideItsRangeIsOutOfRange(String value) {
        assertRefused(NewPlayToken.class, "{\"ttlSeconds\":" + value + "}", "ttlSeconds", "is out of range");
    }

    @Test
    @Timeout(5)
    void aHugeExponentIsRefusedWithoutExpandingIt() {
        assertRefused(NewPlayToken.class, "{\"ttlSeconds\":1e999999999}", "ttlSeconds", "is out of range");
        assertRefused(NewPlayToken.class, "{\"ttlSeconds\":1e-999999999}", "ttlSeconds", "must be a whole number");
    }

    @Test
    void everyMemberOfTheWrongTypeIsNamed() {
        InvalidBodyException refused = refusal(StreamChanges.class, "{\"enabled\":\"yes\",\"name\":5,\"privatePlayback\":true}");
        assertThat(refused.getMessage()).isEqualTo("2 fields are invalid");
        assertThat(refused.errors()).containsExactlyInAnyOrder(new Problem.FieldError("enabled", "must be true or false"),
                new Problem.FieldError("name", "must be a string"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"code\":\"news\"}]", "\"news\"", "42", "true"})
    void aBodyMustBeAJsonObject(String body) {
        assertRefused(NewStream.class, body, "body", "must be a JSON object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{not json", "{\"code\":", "{\"code\":\"news\"} {}", "   "})
    void aBodyThatIsNotJsonIsUnreadable(String body) {
        InvalidBodyException refused = refusal(NewStream.class, body);
        assertThat(refused.getMessage()).contains("could not be read");
        assertThat(refused.getResponse().getStatus()).isEqualTo(400);
    }

    @Test
    void readsOnlyTheApisBodiesAndHonoursTheCharset() {
        assertThat(reader.isReadable(NewStream.class, NewStream.class, new java.lang.annotation.Annotation[0],
                MediaType.APPLICATION_JSON_TYPE)).isTrue();
        assertThat(reader.isReadable(String.class, String.class, new java.lang.annotation.Annotation[0],
                MediaType.APPLICATION_JSON_TYPE)).isFalse();

        byte[] utf16 = "{\"name\":\"Nachrichten \u00fc\"}".getBytes(StandardCharsets.UTF_16);
        StreamChanges changes = (StreamChanges) readBytes(StreamChanges.class, utf16,
                MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-16"));
        assertThat(changes.name).isEqualTo("Nachrichten \u00fc");
    }

    private void assertRefused(Class<?> type, String json, String field, String message) {
        InvalidBodyException refused = refusal(type, json);
        assertThat(refused.getResponse().getStatus()).isEqualTo(400);
        assertThat(refused.errors()).containsExactly(new Problem.FieldError(field, message));
        assertThat(refused.getMessage()).isEqualTo("\"" + field + "\" " + message);
    }

    private InvalidBodyException refusal(Class<?> type, String json) {
        InvalidBodyException refused = catchThrowableOfType(InvalidBodyException.class, () -> read(type, json));
        assertThat(refused).as("refused: " + json).isNotNull();
        return refused;
    }

    @SuppressWarnings("unchecked")
    private <T> T read(Class<T> type, String json) {
        return (T) readBytes(type, json.getBytes(StandardCharsets.UTF_8), MediaType.APPLICATION_JSON_TYPE);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object readBytes(Class<?> type, byte[] body, MediaType mediaType) {
        try {
            return reader.readFrom((Class) type, type, new java.lang.annotation.Annotation[0], mediaType,
                    new MultivaluedHashMap<>(), new ByteArrayInputStream(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
