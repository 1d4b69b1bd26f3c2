package dev.inlet.api.security;

import dev.inlet.api.problems.Problem;
import dev.inlet.api.problems.ProblemType;
import dev.inlet.api.problems.ServletProblems;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * HTTP Basic against the built-in identity store. Credentials are checked when a request carries them; a
 * protected request without them is challenged. Only active when {@code inlet.security.builtin-store} is on
 * (see {@link BuiltInSecurityExtension}).
 *
 * <p>The store is asked directly through a {@link LoginGuard}, not through the {@code IdentityStoreHandler}, because
 * an answer must tell a wrong password (401) from a blocked address (429) and a full verification pool (503).
 * Every refusal is written here as a problem document and the response committed, so that the container has
 * no chance to send its HTML error page instead; {@code SEND_FAILURE} then tells it authentication failed.
 */
@ApplicationScoped
public class BuiltInAuthentication implements HttpAuthenticationMechanism {

    private static final Logger LOG = Logger.getLogger(BuiltInAuthentication.class.getName());
    /** A safety net only: with the queue bounded, a verification waits a few PBKDF2 times at most. */
    private static final Duration MAX_VERIFICATION_WAIT = Duration.ofSeconds(30);
    private static final Duration BUSY_RETRY = Duration.ofSeconds(1);

    @Inject
    BuiltInIdentityStore store;
    @Inject
    ThreadFactory threadFactory;

    private LoginGuard guard;

    @PostConstruct
    void start() {
        LoginLimits limits = LoginLimits.from(ConfigProvider.getConfig());
        guard = new LoginGuard(store, new LoginFailures(limits),
                new VerificationPool(limits.verifyThreads(), limits.verifyQueue(), threadFactory, MAX_VERIFICATION_WAIT));
        LOG.log(Level.CONFIG, "API logins: {0}", limits);
    }

    @PreDestroy
    void stop() {
        guard.close();
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) throws AuthenticationException {
        Optional<UsernamePasswordCredential> credential = BasicCredentials.parse(request.getHeader("Authorization"));
        if (credential.isEmpty()) {
            return context.isProtected()
                    ? refuse(response, ProblemType.UNAUTHENTICATED, "log in with HTTP Basic credentials", challenge())
                    : context.doNothing();
        }
        LoginOutcome outcome;
        try {
            outcome = guard.attempt(request.getRemoteAddr(), credential.get().getCaller(),
                    credential.get().getPassword().getValue());
        } finally {
            credential.get().getPassword().clear();
        }
        if (outcome instanceof LoginOutcome.Accepted accepted) {
            return context.notifyContainerAboutLogin(accepted.user().name(), accepted.user().roles());
        }
        if (outcome instanceof LoginOutcome.Blocked blocked) {
            long seconds = retrySeconds(blocked.retryAfter());
            return refuse(response, ProblemType.LOGIN_BLOCKED,
                    "too many failed logins from your address; try again in " + seconds + " s",
                    Map.of("Retry-After", Long.toString(seconds)));
        }
        if (outcome instanceof LoginOutcome.Busy) {
            return refuse(response, ProblemType.LOGIN_BUSY, "every password verifier is busy; try again shortly",
                    Map.of("Retry-After", Long.toString(retrySeconds(BUSY_RETRY))));
        }
        return refuse(response, ProblemType.UNAUTHENTICATED, "wrong user name or password", challenge());
    }

    private static Map<String, String> challenge() {
        return Map.of("WWW-Authenticate", RoleCheckFilter.CHALLENGE);
    }

    private static AuthenticationStatus refuse(HttpServletResponse response, ProblemType type, String detail,
                                               Map<String, String> headers) throws AuthenticationException {
        try {
            ServletProblems.send(response, Problem.of(type, detail), headers);
        } catch (IOException e) {
            // the client went away while being refused: nothing left to tell it
            LOG.log(Level.FINE, "could not send a login refusal", e);
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    /** Whole seconds, rounded up, at least 1: a client retrying after that is not refused for the same reason. */
    static long retrySeconds(Duration wait) {
        long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    /** Decodes an {@code Authorization: Basic} header. */
    static final class BasicCredentials {

        private BasicCredentials() {
        }

        static Optional<UsernamePasswordCredential> parse(String header) {
            if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
                return Optional.empty();
            }
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                return Optional.empty();
            }
            return Optional.of(new UsernamePasswordCredential(decoded.substring(0, colon), decoded.substring(colon + 1)));
        }
    }
}
