package dev.inlet.api.problems;

import dev.inlet.core.CatalogException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A refused catalog change: not found 404, conflict 409, invalid 400; the message is meant for the administrator. */
@Provider
public class CatalogExceptionMapper implements ExceptionMapper<CatalogException> {

    @Override
    public Response toResponse(CatalogException exception) {
        return problemFor(exception).toResponse();
    }

    static Problem problemFor(CatalogException exception) {
        ProblemType type = exception instanceof CatalogException.NotFound ? ProblemType.NOT_FOUND
                : exception instanceof CatalogException.Conflict ? ProblemType.CONFLICT
                : ProblemType.INVALID_REQUEST;
        return Problem.of(type, exception.getMessage());
    }
}
