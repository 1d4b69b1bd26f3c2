package dev.inlet.api.security;

import dev.inlet.api.problems.Problem;
import dev.inlet.api.problems.ProblemType;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.util.List;

/** Lets a request through when its caller holds one of the roles; otherwise answers 401 or 403. */
@Priority(Priorities.AUTHORIZATION)
public class RoleCheckFilter implements ContainerRequestFilter {

    /** The realm named in the challenge; the server's own challenge (when it sends one) names its realm. */
    static final String CHALLENGE = "Basic realm=\"inlet\"";

    private final List<String> roles;

    public RoleCheckFilter(List<String> roles) {
        this.roles = List.copyOf(roles);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        decide(request.getSecurityContext()).ifPresent(request::abortWith);
    }

    /** The refusal for this caller, or empty when the caller may proceed. */
    java.util.Optional<Response> decide(SecurityContext caller) {
        if (caller == null || caller.getUserPrincipal() == null) {
            return java.util.Optional.of(Response.fromResponse(
                            Problem.of(ProblemType.UNAUTHENTICATED, "log in with HTTP Basic credentials").toResponse())
                    .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE).build());
        }
        for (String role : roles) {
            if (caller.isUserInRole(role)) {
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.of(Problem.of(ProblemType.FORBIDDEN,
                roles.isEmpty() ? "nobody may do this" : "this needs the role " + String.join(" or ", roles)).toResponse());
    }
}
