package dev.inlet.api.streams;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class RequestValidationTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
    private static final Jsonb JSON = JsonbBuilder.create();

    @AfterAll
    static void close() throws Exception {
        JSON.close();
    }

    @Test
    void aStreamNeedsAUrlSafeCode() {
        assertThat(invalidFields(new NewStream("news-1.hd_~", "Evening news"))).isEmpty();
        assertThat(invalidFields(new NewStream("news", null))).isEmpty();
        assertThat(invalidFields(new NewStream(null, "x"))).containsExactly("code");
        assertThat(invalidFields(new NewStream("", "x"))).containsExactly("code");
        assertThat(invalidFields(new NewStream("a/b", "x"))).containsExactly("code");
        assertThat(invalidFields(new NewStream("...", "x"))).isEmpty();
        assertThat(invalidFields(new NewStream(".", "x"))).containsExactly("code");
        assertThat(invalidFields(new NewStream("..", "x"))).containsExactly("code");
        assertThat(invalidFields(new NewStream("x".repeat(65), "x"))).containsExactly("code");
        assertThat(invalidFields(new NewStream("news", "n".repeat(201)))).containsExactly("name");
    }

    @Test
    void changesMayLeaveFieldsOutButNotBlankTheName() {
        assertThat(invalidFields(new StreamChanges(null, null))).isEmpty();
        assertThat(invalidFields(new StreamChanges(null, false))).isEmpty();
        assertThat(invalidFields(new StreamChanges("  ", null))).containsExactly("name");
        assertThat(invalidFields(new StreamChanges("", null))).containsExactly("name");
    }

    @Test
    void aKeyPriorityIsBetweenOneAndSixteen() {
        assertThat(invalidFields(new NewKey(null))).isEmpty();
        assertThat(new NewKey(null).priorityOrPrimary()).isEqualTo(1);
        assertThat(invalidFields(new NewKey(16))).isEmpty();
        assertThat(invalidFields(new NewKey(0))).containsExactly("priority");
        assertThat(invalidFields(new NewKey(17))).containsExactly("priority");
    }

    @Test
    void requestBodiesBindFromTheDocumentedJson() {
        NewStream stream = JSON.fromJson("{\"code\":\"news\",\"name\":\"Evening news\"}", NewStream.class);
        assertThat(stream.code).isEqualTo("news");
        assertThat(stream.name).isEqualTo("Evening news");
        assertThat(JSON.fromJson("{\"priority\":2}", NewKey.class).priority).isEqualTo(2);
        assertThat(JSON.fromJson("{\"enabled\":false}", StreamChanges.class).enabled).isFalse();
    }

    private static Set<String> invalidFields(Object body) {
        Set<ConstraintViolation<Object>> violations = VALIDATOR.validate(body);
        return violations.stream().map(v -> v.getPropertyPath().toString()).collect(Collectors.toSet());
    }
}
