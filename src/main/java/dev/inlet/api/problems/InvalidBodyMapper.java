package dev.inlet.api.problems;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A body of the wrong shape: 400 with the members at fault (closer than {@link WebApplicationExceptionMapper}). */
@Provider
public class InvalidBodyMapper implements ExceptionMapper<InvalidBodyException> {

    @Override
    public Response toResponse(InvalidBodyException exception) {
        return exception.problem().toResponse();
    }
}
