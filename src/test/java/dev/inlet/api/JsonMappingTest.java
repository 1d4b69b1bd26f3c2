package dev.inlet.api;

import dev.inlet.api.problems.Problem;
import dev.inlet.api.problems.ProblemType;
import dev.inlet.api.streams.NewStream;
import jakarta.json.bind.Jsonb;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonMappingTest {

    private final Jsonb json = JsonMapping.create();

    @Test
    void writesRecordsByTheirComponents() {
        assertThat(json.toJson(Problem.of(ProblemType.NOT_FOUND, "no stream x")))
                .contains("\"type\":\"urn:inlet:problem:not-found\"", "\"status\":404", "\"detail\":\"no stream x\"");
    }

    @Test
    void readsRequestBodiesIntoTheirPublicFields() {
        assertThat(json.fromJson("{\"code\":\"news\",\"name\":\"N\"}", NewStream.class).code).isEqualTo("news");
    }

    @Test
    void theResolverAnswersForEveryTypeTheProviderWrites() {
        JsonbResolver resolver = new JsonbResolver();
        assertThat(resolver.getContext(Problem.class)).isNotNull();
        assertThat(resolver.getContext(java.util.ArrayList.class)).isSameAs(resolver.getContext(Problem.class));
    }
}
