package dev.inlet.api;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The administration API, under {@code /api/v1} of the web module (context root {@code /}). Resources and
 * providers are found by the server's scanning. The OpenAPI annotations are only read where MicroProfile
 * OpenAPI is installed; elsewhere the JVM ignores them.
 */
@ApplicationPath(InletApi.PATH)
@DeclareRoles({Roles.ADMIN, Roles.VIEWER})
@OpenAPIDefinition(
        info = @Info(title = "Inlet administration API", version = "1",
                description = "Streams, stream keys, live sessions and server-sent events of the Inlet RTMP ingest server."),
        security = @SecurityRequirement(name = InletApi.SECURITY_SCHEME))
@SecurityScheme(securitySchemeName = InletApi.SECURITY_SCHEME, type = SecuritySchemeType.HTTP, scheme = "basic")
public class InletApi extends Application {

    public static final String PATH = "api/v1";
    static final String SECURITY_SCHEME = "basic";
}
