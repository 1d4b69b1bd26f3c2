package dev.inlet.api.problems;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * What the JAX-RS runtime or a resource raised as an HTTP status (unknown path, wrong method, unreadable
 * JSON, missing credentials…): the same status, as a problem. Headers such as {@code Allow} and
 * {@code WWW-Authenticate} are kept.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        int status = original.getStatus();
        ProblemType type = ProblemType.forStatus(status);
        String detail = detailOf(exception, status);
        Problem problem = new Problem(Problem.TYPE_PREFIX + type.slug(),
                type == ProblemType.HTTP ? original.getStatusInfo().getReasonPhrase() : type.title(), status, detail, null);
        Response.ResponseBuilder response = Response.status(status).type(Problem.MEDIA).entity(problem);
        for (String header : new String[] {HttpHeaders.ALLOW, HttpHeaders.WWW_AUTHENTICATE, HttpHeaders.RETRY_AFTER}) {
            Object value = original.getHeaders().getFirst(header);
            if (value != null) {
                response.header(header, value);
            }
        }
        return response.build();
    }

    /**
     * A resource's own message is meant for the client; the runtime's messages (for unreadable bodies, say)
     * may quote internals, so those get a generic sentence.
     */
    private static String detailOf(WebApplicationException exception, int status) {
        if (exception instanceof ClientMessage && exception.getMessage() != null) {
            return exception.getMessage();
        }
        return switch (status) {
            case 400 -> "the request body could not be read (is it valid JSON of the expected shape?)";
            case 404 -> "no such resource";
            case 405 -> "this resource does not support the method";
            case 415 -> "send application/json";
            default -> exception.getResponse().getStatusInfo().getReasonPhrase();
        };
    }

    /** Marks exceptions whose message is written for the API's client. */
    public interface ClientMessage {
    }
}
