package dev.inlet.api.recordings;

import dev.inlet.api.Roles;
import dev.inlet.api.problems.ApiException;
import dev.inlet.api.problems.ProblemType;
import dev.inlet.recording.RecordingInfo;
import dev.inlet.recording.Recordings;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code /api/v1/recordings}: the catalog (viewer), each recording's MP4 with HTTP Range requests so that browsers and
 * players seek in it (viewer), and deletion of file and row (admin).
 */
@Path("recordings")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.ADMIN, Roles.VIEWER})
public class RecordingsResource {

    static final String VIDEO_MP4 = "video/mp4";

    @Inject
    RecordingService service;

    /** Newest first; {@code from} and {@code to} are ISO-8601 instants bounding the start ({@code to} exclusive). */
    @GET
    public List<RecordingView> list(@QueryParam("stream") String stream, @QueryParam("from") String from,
                                    @QueryParam("to") String to) {
        return service.recordings().list(blankToNull(stream), instant("from", from), instant("to", to)).stream()
                .map(RecordingView::of).toList();
    }

    @GET
    @Path("{id}")
    public RecordingView get(@PathParam("id") String id) {
        return RecordingView.of(find(id));
    }

    @GET
    @Path("{id}/file")
    @Produces({VIDEO_MP4, MediaType.APPLICATION_JSON})
    public Response file(@PathParam("id") String id, @HeaderParam("Range") String range) {
        return serve(id, range, true);
    }

    @HEAD
    @Path("{id}/file")
    @Produces({VIDEO_MP4, MediaType.APPLICATION_JSON})
    public Response fileHead(@PathParam("id") String id, @HeaderParam("Range") String range) {
        return serve(id, range, false);
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    public Response delete(@PathParam("id") String id) throws IOException {
        try {
            if (!service.recordings().delete(id, "deleted by an administrator")) {
                throw ApiException.notFound("no recording " + id);
            }
        } catch (IllegalStateException stillRecording) {
            throw new ApiException(ProblemType.CONFLICT, stillRecording.getMessage());
        }
        return Response.noContent().build();
    }

    private Response serve(String id, String rangeHeader, boolean body) {
        Recordings recordings = service.recordings();
        RecordingInfo recording = find(id);
        if (!recording.state().isFinal()) {
            throw new ApiException(ProblemType.CONFLICT, "recording " + id + " is still being written; its file is"
                    + " served once the publish ends");
        }
        java.nio.file.Path file = recordings.file(recording).orElseThrow(() -> ApiException.notFound("the file of"
                + " recording " + id + " is not on this node (" + recording.node() + ")"));
        long length;
        try {
            length = Files.size(file);
        } catch (IOException e) {
            throw ApiException.notFound("the file of recording " + id + " cannot be read: " + e.getMessage());
        }
        ByteRange range = ByteRange.parse(rangeHeader, length);
        if (range == ByteRange.UNSATISFIABLE) {
            return Response.fromResponse(problem(rangeHeader, length).toResponse())
                    .header("Content-Range", "bytes */" + length).build();
        }
        long start = range == null ? 0 : range.start();
        long count = range == null ? length : range.length();
        Response.ResponseBuilder response = Response.status(range == null ? 200 : 206)
                .type(VIDEO_MP4)
                .header("Accept-Ranges", "bytes")
                .header(HttpHeaders.CONTENT_LENGTH, count)
                .header("Content-Disposition", "inline; filename=\"" + recording.stream() + "-"
                        + file.getFileName().toString().replace(".part", "") + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "private, max-age=3600");
        if (range != null) {
            response.header("Content-Range", "bytes " + start + "-" + (start + count - 1) + "/" + length);
        }
        if (body) {
            response.entity((StreamingOutput) output -> copy(file, start, count, Channels.newChannel(output)));
        }
        return response.build();
    }

    private static void copy(java.nio.file.Path file, long start, long count, WritableByteChannel out) throws IOException {
        try (FileChannel in = FileChannel.open(file)) {
            long done = 0;
            while (done < count) {
                long n = in.transferTo(start + done, count - done, out);
                if (n <= 0) {
                    throw new IOException("the recording file ended at " + (start + done));
                }
                done += n;
            }
        }
    }

    private static dev.inlet.api.problems.Problem problem(String range, long length) {
        return dev.inlet.api.problems.Problem.of(ProblemType.RANGE_NOT_SATISFIABLE,
                "the range " + dev.inlet.text.LogText.of(range) + " is outside the file's " + length + " bytes");
    }

    private RecordingInfo find(String id) {
        return service.recordings().find(id).orElseThrow(() -> ApiException.notFound("no recording " + id));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new ApiException(ProblemType.INVALID_REQUEST, name + " must be an ISO-8601 instant such as"
                    + " 2026-12-03T10:00:00Z, not " + dev.inlet.text.LogText.of(value));
        }
    }
}
