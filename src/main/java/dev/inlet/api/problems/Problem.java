package dev.inlet.api.problems;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every error the API returns ({@code application/problem+json}).
 *
 * @param type   a URI naming the kind of problem (stable; clients may switch on it)
 * @param title  a short summary of the kind of problem
 * @param status the HTTP status code
 * @param detail what went wrong this time, safe to show to an administrator
 * @param errors for invalid input: which field broke which rule (absent otherwise)
 */
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType MEDIA = MediaType.valueOf(MEDIA_TYPE);
    static final String TYPE_PREFIX = "urn:inlet:problem:";

    /** One violated rule of the request. */
    public record FieldError(String field, String message) {
    }

    public static Problem of(ProblemType type, String detail) {
        return new Problem(TYPE_PREFIX + type.slug(), type.title(), type.status(), detail, null);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, fieldErrors);
    }

    /** The problem as a response with the right status and media type. */
    public Response toResponse() {
        return Response.status(status).type(MEDIA).entity(this).build();
    }
}
