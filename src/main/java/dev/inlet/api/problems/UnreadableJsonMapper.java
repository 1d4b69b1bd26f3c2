package dev.inlet.api.problems;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A body JSON-B could not read (malformed JSON, a string where a number belongs): 400, not 500. */
@Provider
public class UnreadableJsonMapper implements ExceptionMapper<JsonbException> {

    @Override
    public Response toResponse(JsonbException exception) {
        return problem().toResponse();
    }

    static Problem problem() {
        return Problem.of(ProblemType.INVALID_REQUEST,
                "the request body could not be read (is it valid JSON of the expected shape?)");
    }
}
