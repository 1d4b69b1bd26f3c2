package dev.inlet.api.security;

import dev.inlet.api.Roles;
import dev.inlet.api.problems.Problem;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.junit.jupiter.api.Test;

import java.security.Principal;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RoleCheckFilterTest {

    private final RoleCheckFilter adminOnly = new RoleCheckFilter(List.of(Roles.ADMIN));

    @Test
    void anAnonymousCallerIsAskedToAuthenticate() {
        Response refusal = adminOnly.decide(caller(null)).orElseThrow();
        assertThat(refusal.getStatus()).isEqualTo(401);
        assertThat(refusal.getHeaderString("WWW-Authenticate")).startsWith("Basic ");
        assertThat(refusal.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
        assertThat(((Problem) refusal.getEntity()).type()).isEqualTo("urn:inlet:problem:unauthenticated");
    }

    @Test
    void aCallerWithoutTheRoleIsForbidden() {
        Response refusal = adminOnly.decide(caller("eve", Roles.VIEWER)).orElseThrow();
        assertThat(refusal.getStatus()).isEqualTo(403);
        assertThat(((Problem) refusal.getEntity()).detail()).contains(Roles.ADMIN);
    }

    @Test
    void aCallerWithOneOfTheRolesPasses() {
        RoleCheckFilter either = new RoleCheckFilter(List.of(Roles.ADMIN, Roles.VIEWER));
        assertThat(either.decide(caller("eve", Roles.VIEWER))).isEmpty();
        assertThat(adminOnly.decide(caller("root", Roles.ADMIN))).isEmpty();
        assertThat(new RoleCheckFilter(List.of()).decide(caller("root", Roles.ADMIN))).isPresent();
    }

    @RolesAllowed(Roles.VIEWER)
    static class Resource {
        public void inherited() {
        }

        @RolesAllowed(Roles.ADMIN)
        public void own() {
        }

        @PermitAll
        public void open() {
        }

        @DenyAll
        public void closed() {
        }
    }

    @Test
    void aMethodsAnnotationWinsOverItsClasss() throws Exception {
        assertThat(RoleCheckFeature.requiredRoles(Resource.class.getMethod("inherited"), Resource.class))
                .contains(List.of(Roles.VIEWER));
        assertThat(RoleCheckFeature.requiredRoles(Resource.class.getMethod("own"), Resource.class))
                .contains(List.of(Roles.ADMIN));
        assertThat(RoleCheckFeature.requiredRoles(Resource.class.getMethod("open"), Resource.class)).isEmpty();
        assertThat(RoleCheckFeature.requiredRoles(Resource.class.getMethod("closed"), Resource.class))
                .contains(List.of());
        assertThat(RoleCheckFeature.requiredRoles(Object.class.getMethod("toString"), Object.class)).isEqualTo(Optional.empty());
    }

    private static SecurityContext caller(String name, String... roles) {
        Set<String> held = Set.of(roles);
        return new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return name == null ? null : () -> name;
            }

            @Override
            public boolean isUserInRole(String role) {
                return held.contains(role);
            }

            @Override
            public boolean isSecure() {
                return false;
            }

            @Override
            public String getAuthenticationScheme() {
                return BASIC_AUTH;
            }
        };
    }
}
