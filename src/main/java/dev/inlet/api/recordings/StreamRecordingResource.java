package dev.inlet.api.recordings;

import dev.inlet.api.Roles;
import dev.inlet.api.problems.ApiException;
import dev.inlet.core.StreamNotFoundException;
import dev.inlet.recording.RecordingPolicy;
import dev.inlet.recording.Recordings;
import dev.inlet.recording.Retention;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Duration;

/**
 * {@code GET /api/v1/streams/{code}/recording} (viewer) and {@code PUT} (admin): whether a stream's publishes are
 * recorded, and how long its recordings are kept. Turning recording on while the stream is live starts a recording at
 * once; turning it off ends the current one.
 */
@Path("streams/{code}/recording")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.VIEWER})
public class StreamRecordingResource {

    @Inject
    RecordingService service;

    @GET
    public RecordingPolicyView get(@PathParam("code") String code) {
        Recordings recordings = service.recordings();
        try {
            return view(code, recordings.policy(code), recordings);
        } catch (StreamNotFoundException e) {
            throw ApiException.notFound("no stream " + code);
        }
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public RecordingPolicyView put(@PathParam("code") String code, @NotNull(message = "a JSON body is required")
                                   @Valid RecordingPolicyBody body) {
        Recordings recordings = service.recordings();
        Retention retention = body.maxAgeHours == null && body.maxBytes == null ? null
                : new Retention(body.maxAgeHours == null ? null : Duration.ofHours(body.maxAgeHours),
                body.maxBytes == null ? 0 : body.maxBytes);
        try {
            RecordingPolicy policy = recordings.setPolicy(code, new RecordingPolicy(body.enabled, retention));
            return view(code, policy, recordings);
        } catch (StreamNotFoundException e) {
            throw ApiException.notFound("no stream " + code);
        }
    }

    private static RecordingPolicyView view(String code, RecordingPolicy policy, Recordings recordings) {
        Retention retention = policy.retention() != null ? policy.retention() : recordings.settings().defaultRetention();
        return new RecordingPolicyView(code, policy.enabled(), recordings.isRecording(code),
                retention.maxAge() == null ? null : retention.maxAge().toHours(),
                retention.maxBytes() == 0 ? null : retention.maxBytes(), policy.retention() != null);
    }
}
