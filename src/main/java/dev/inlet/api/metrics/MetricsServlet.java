package dev.inlet.api.metrics;

import jakarta.annotation.security.DeclareRoles;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.config.Config;

import java.io.IOException;

/**
 * {@code GET /metrics}: Prometheus text format. Public unless {@code inlet.metrics.public=false}, then
 * for users in role {@code inlet-admin} or {@code inlet-viewer} (401 without credentials, 403 with another role).
 */
@WebServlet(urlPatterns = "/metrics", loadOnStartup = 1)
@DeclareRoles({MetricsAccess.ADMIN, MetricsAccess.VIEWER})
public class MetricsServlet extends HttpServlet {

    @Inject
    InletMetrics metrics;
    @Inject
    Config config;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        boolean publicMetrics = config.getOptionalValue("inlet.metrics.public", Boolean.class).orElse(true);
        switch (MetricsAccess.decide(publicMetrics, request.getUserPrincipal() != null, request::isUserInRole)) {
            case AUTHENTICATE -> {
                // runs the application's authentication mechanism; it sends the 401 challenge when it fails
                if (!request.authenticate(response)) {
                    return;
                }
                if (MetricsAccess.decide(false, true, request::isUserInRole) != MetricsAccess.Decision.ALLOW) {
                    response.sendError(HttpServletResponse.SC_FORBIDDEN);
                    return;
                }
            }
            case FORBID -> {
                response.sendError(HttpServletResponse.SC_FORBIDDEN);
                return;
            }
            case ALLOW -> {
            }
        }
        response.setContentType(metrics.contentType());
        response.setHeader("Cache-Control", "no-store");
        metrics.scrape(response.getOutputStream());
    }
}
