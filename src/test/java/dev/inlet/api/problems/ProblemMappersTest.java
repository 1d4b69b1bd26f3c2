package dev.inlet.api.problems;

import dev.inlet.api.streams.NewStream;
import dev.inlet.core.CatalogException;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemMappersTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
    private static final Jsonb JSON = JsonbBuilder.create();

    @AfterAll
    static void close() throws Exception {
        JSON.close();
    }

    @Test
    void catalogRefusalsMapToTheirStatus() {
        assertThat(problem(new CatalogExceptionMapper().toResponse(new CatalogException.NotFound("no stream x"))))
                .isEqualTo(new Problem("urn:inlet:problem:not-found", "Not found", 404, "no stream x", null));
        assertThat(new CatalogExceptionMapper().toResponse(new CatalogException.Conflict("taken")).getStatus()).isEqualTo(409);
        assertThat(new CatalogExceptionMapper().toResponse(new CatalogException.Invalid("bad")).getStatus()).isEqualTo(400);
    }

    @Test
    void everyProblemIsProblemJson() {
        Response response = new CatalogExceptionMapper().toResponse(new CatalogException.Conflict("taken"));
        assertThat(response.getMediaType().toString()).isEqualTo("application/problem+json");
    }

    @Test
    void validationFailuresListEachFieldByItsJsonName() {
        NewStream body = new NewStream("has space", "x".repeat(201));
        var violations = VALIDATOR.validate(body);
        Response response = new ConstraintViolationMapper().toResponse(new ConstraintViolationException(violations));

        Problem problem = problem(response);
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(problem.type()).isEqualTo("urn:inlet:problem:invalid-request");
        assertThat(problem.detail()).isEqualTo("2 fields are invalid");
        assertThat(problem.errors()).extracting(Problem.FieldError::field).containsExactly("code", "name");
    }

    @Test
    void runtimeHttpErrorsKeepTheirStatusAndUsefulHeaders() {
        Response notFound = new WebApplicationExceptionMapper().toResponse(new NotFoundException());
        assertThat(notFound.getStatus()).isEqualTo(404);
        assertThat(problem(notFound).detail()).isEqualTo("no such resource");

        Response notAllowed = new WebApplicationExceptionMapper().toResponse(
                new NotAllowedException("GET", new String[] {"HEAD"}));
        assertThat(notAllowed.getStatus()).isEqualTo(405);
        assertThat(notAllowed.getHeaderString("Allow")).contains("GET");
    }

    @Test
    void aResourcesOwnMessageIsShownButTheRuntimesIsNot() {
        assertThat(problem(new WebApplicationExceptionMapper().toResponse(ApiException.notFound("no stream y"))).detail())
                .isEqualTo("no stream y");
        assertThat(problem(new WebApplicationExceptionMapper().toResponse(
                new jakarta.ws.rs.BadRequestException("Unexpected char at org.internal.Parser:12"))).detail())
                .doesNotContain("org.internal");
    }

    @Test
    void unreadableJsonIsABadRequest() {
        assertThat(new UnreadableJsonMapper().toResponse(new JsonbException("boom")).getStatus()).isEqualTo(400);
        assertThat(new UnreadableBodyMapper().toResponse(new jakarta.ws.rs.ProcessingException("reading",
                new JsonbException("Unexpected char 111"))).getStatus()).isEqualTo(400);
        assertThat(new UnreadableBodyMapper().toResponse(new jakarta.ws.rs.ProcessingException("other")).getStatus())
                .isEqualTo(500);
    }

    @Test
    void aBodyOfTheWrongShapeNamesEachMemberAtFault() {
        Response one = new InvalidBodyMapper().toResponse(new InvalidBodyException(
                java.util.List.of(new Problem.FieldError("enabled", "must be true or false"))));
        assertThat(one.getStatus()).isEqualTo(400);
        assertThat(one.getMediaType().toString()).isEqualTo("application/problem+json");
        assertThat(problem(one)).isEqualTo(new Problem("urn:inlet:problem:invalid-request", "The request is invalid", 400,
                "\"enabled\" must be true or false", java.util.List.of(new Problem.FieldError("enabled", "must be true or false"))));

        Problem unreadable = problem(new InvalidBodyMapper().toResponse(InvalidBodyException.unreadable()));
        assertThat(unreadable.detail()).isEqualTo(UnreadableJsonMapper.problem().detail());
        assertThat(unreadable.errors()).isNull();
    }

    @Test
    void bugsAreA500WithAnIncidentIdAndNoInternals() {
        Problem problem = problem(new UnexpectedExceptionMapper().toResponse(new IllegalStateException("secret internals")));
        assertThat(problem.status()).isEqualTo(500);
        assertThat(problem.detail()).contains("incident").doesNotContain("secret internals");
    }

    @Test
    void serialisesToTheRfc9457MembersAndOmitsAbsentOnes() {
        String json = JSON.toJson(Problem.of(ProblemType.CONFLICT, "stream news exists already"));
        assertThat(json).contains("\"type\":\"urn:inlet:problem:conflict\"", "\"title\":\"Conflict\"", "\"status\":409",
                "\"detail\":\"stream news exists already\"").doesNotContain("errors");
    }

    private static Problem problem(Response response) {
        return (Problem) response.getEntity();
    }
}
