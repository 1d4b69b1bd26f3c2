package dev.inlet.api.problems;

import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Jersey reports a body JSON-B could not read as a {@link ProcessingException} around the JSON-B error: that is
 * the client's mistake (400). Any other processing failure is a bug (500, as {@link UnexpectedExceptionMapper}).
 */
@Provider
public class UnreadableBodyMapper implements ExceptionMapper<ProcessingException> {

    @Override
    public Response toResponse(ProcessingException exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonbException || cause instanceof JsonException) {
                return UnreadableJsonMapper.problem().toResponse();
            }
        }
        return new UnexpectedExceptionMapper().toResponse(exception);
    }
}
