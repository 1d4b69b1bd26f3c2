package dev.inlet.api.security;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.Provider;

import java.lang.reflect.Method;
import java.util.List;

/**
 * Enforces {@code @RolesAllowed}, {@code @PermitAll} and {@code @DenyAll} on resource methods (a method's
 * annotation wins over its class's). Done here rather than left to the runtime because Jersey and RESTEasy
 * each need their own switch for it, and because the answers must be problem documents: 401 without an
 * authenticated caller, 403 with one that lacks the role.
 */
@Provider
public class RoleCheckFeature implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        requiredRoles(resourceInfo.getResourceMethod(), resourceInfo.getResourceClass())
                .ifPresent(roles -> context.register(new RoleCheckFilter(roles)));
    }

    /** The roles one of which a caller needs; empty list means nobody; absent means no check. */
    static java.util.Optional<List<String>> requiredRoles(Method method, Class<?> resourceClass) {
        if (method.isAnnotationPresent(DenyAll.class)) {
            return java.util.Optional.of(List.of());
        }
        if (method.isAnnotationPresent(RolesAllowed.class)) {
            return java.util.Optional.of(List.of(method.getAnnotation(RolesAllowed.class).value()));
        }
        if (method.isAnnotationPresent(PermitAll.class)) {
            return java.util.Optional.empty();
        }
        if (resourceClass.isAnnotationPresent(DenyAll.class)) {
            return java.util.Optional.of(List.of());
        }
        if (resourceClass.isAnnotationPresent(RolesAllowed.class)) {
            return java.util.Optional.of(List.of(resourceClass.getAnnotation(RolesAllowed.class).value()));
        }
        return java.util.Optional.empty();
    }
}
