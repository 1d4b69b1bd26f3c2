package dev.inlet.api.problems;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes a problem document straight to a servlet response, for answers given outside JAX-RS (the
 * authentication mechanism, the error page, HTTP-FLV). The response is committed at once, so that the container
 * cannot replace the body with its own HTML error page afterwards. JSON-P rather than JSON-B: nothing here
 * depends on how the server's JSON-B sees records.
 */
public final class ServletProblems {

    private ServletProblems() {
    }

    /** Sends {@code problem} with its status and the given extra headers, and commits the response. */
    public static void send(HttpServletResponse response, Problem problem, Map<String, String> headers)
            throws IOException {
        JsonObjectBuilder json = Json.createObjectBuilder().add("type", problem.type()).add("title", problem.title())
                .add("status", problem.status());
        if (problem.detail() != null) {
            json.add("detail", problem.detail());
        }
        byte[] body = json.build().toString().getBytes(StandardCharsets.UTF_8);
        response.resetBuffer();
        response.setStatus(problem.status());
        headers.forEach(response::setHeader);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }
}
