package dev.inlet.api.problems;

import jakarta.ws.rs.WebApplicationException;

/** A refusal raised by a resource, with a message written for the client. */
public class ApiException extends WebApplicationException implements WebApplicationExceptionMapper.ClientMessage {

    public ApiException(ProblemType type, String message) {
        super(message, type.status());
    }

    public static ApiException notFound(String message) {
        return new ApiException(ProblemType.NOT_FOUND, message);
    }
}
