package dev.inlet.api.problems;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Map;

/**
 * The error page for refusals the container makes itself (its BASIC login against the server's realm, a
 * security constraint's 403, a servlet's {@code sendError}): a problem document instead of the container's
 * HTML page. The web module maps status codes here with {@code <error-page>}; a challenge the container set
 * ({@code WWW-Authenticate}) stays on the response.
 */
@WebServlet(urlPatterns = ErrorPageServlet.PATH)
public class ErrorPageServlet extends HttpServlet {

    public static final String PATH = "/inlet-error";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (!(status instanceof Integer code)) {
            ServletProblems.send(response, Problem.of(ProblemType.NOT_FOUND, "no such page"), Map.of());
            return;
        }
        ProblemType type = ProblemType.forStatus(code);
        Problem problem = type == ProblemType.HTTP
                ? new Problem(Problem.TYPE_PREFIX + type.slug(), type.title(), code, "HTTP " + code, null)
                : Problem.of(type, detail(type));
        ServletProblems.send(response, problem, Map.of());
    }

    private static String detail(ProblemType type) {
        return switch (type) {
            case UNAUTHENTICATED -> "log in with HTTP Basic credentials";
            case FORBIDDEN -> "this needs the role inlet-admin or inlet-viewer";
            default -> type.title();
        };
    }
}
