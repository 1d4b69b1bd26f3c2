package dev.inlet.api.problems;

import dev.inlet.api.JsonMapping;
import jakarta.json.bind.Jsonb;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes a problem document straight to a servlet response, for answers given before JAX-RS runs (the
 * authentication mechanism). The response is committed at once, so that the container cannot replace the
 * body with its own HTML error page afterwards.
 */
public final class ServletProblems {

    private static final Jsonb JSON = JsonMapping.create();

    private ServletProblems() {
    }

    /** Sends {@code problem} with its status and the given extra headers, and commits the response. */
    public static void send(HttpServletResponse response, Problem problem, Map<String, String> headers)
            throws IOException {
        byte[] body = JSON.toJson(problem).getBytes(StandardCharsets.UTF_8);
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
