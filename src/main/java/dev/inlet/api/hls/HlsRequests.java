package dev.inlet.api.hls;

import dev.inlet.api.problems.Problem;
import dev.inlet.api.problems.ProblemType;
import dev.inlet.api.problems.ServletProblems;
import dev.inlet.core.AdmissionRefusedException;
import dev.inlet.core.Refusal;
import dev.inlet.hls.HlsResource;
import dev.inlet.hls.HlsStreams;
import dev.inlet.hls.HlsWindow;
import dev.inlet.hls.PlaylistQuery;
import dev.inlet.text.LogText;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers {@code /live/<stream>/index.m3u8} (the multivariant playlist; it admits a viewer), {@code media.m3u8} (the
 * LL-HLS media playlist, blocking reloads included) and the init segments, segments and parts it names. Nothing
 * waits on a thread: a request for what does not exist yet is an async request whose listener the stream's
 * {@link HlsWindow} runs the moment it exists; the answer is then written from a container thread, never from the
 * publisher's. A wait longer than three target durations ends with 503.
 */
final class HlsRequests {

    private static final Logger LOG = Logger.getLogger(HlsRequests.class.getName());
    static final String MULTIVARIANT = "index.m3u8";
    static final String MEDIA = "media.m3u8";
    private static final String PLAYLIST_TYPE = "application/vnd.apple.mpegurl";

    private final HlsStreams streams;

    HlsRequests(HlsStreams streams) {
        this.streams = streams;
    }

    void handle(HttpServletRequest request, HttpServletResponse response, String stream, String name) throws IOException {
        response.setHeader("Access-Control-Allow-Origin", "*"); // browser players on other origins
        String token = request.getParameter("token");
        if (name.equals(MULTIVARIANT)) {
            admitThen(request, response, stream, token, (async, session) -> multivariant(async, stream, session, token));
        } else if (name.equals(MEDIA)) {
            media(request, response, stream, token);
        } else {
            resource(request, response, stream, name, token);
        }
    }

    /** Something to do once a viewer is admitted, on the async request. */
    private interface Admitted {
        void run(Exchange exchange, String sessionId);
    }

    private void admitThen(HttpServletRequest request, HttpServletResponse response, String stream, String token,
                           Admitted then) throws IOException {
        boolean live = streams.output(stream).isPresent();
        if (!live && !streams.canPullFromCluster()) {
            problem(response, ProblemType.NOT_FOUND, "stream " + stream + " is not live");
            return;
        }
        Exchange exchange = new Exchange(request.startAsync(), response, waitMillis());
        String remote = request.getRemoteAddr() + ":" + request.getRemotePort();
        String client = LogText.of(request.getHeader("User-Agent"));
        if (live) {
            admitViewer(exchange, stream, token, remote, client, then);
            return;
        }
        // Published on another node: this node pulls it once, then serves it from its own hub like a local stream.
        streams.pullFromCluster(stream).whenComplete((pulled, failure) -> {
            if (Boolean.TRUE.equals(pulled) && streams.output(stream).isPresent()) {
                admitViewer(exchange, stream, token, remote, client, then);
            } else {
                exchange.problem(ProblemType.NOT_FOUND, "stream " + stream + " is not live");
            }
        });
    }

    private void admitViewer(Exchange exchange, String stream, String token, String remote, String client,
                             Admitted then) {
        streams.admitViewer(stream, token, remote, client)
                .whenComplete((sessionId, failure) -> {
                    if (failure != null) {
                        exchange.refuse(failure);
                    } else {
                        then.run(exchange, sessionId);
                    }
                });
    }

    private void multivariant(Exchange exchange, String stream, String sessionId, String token) {
        HlsStreams.Output output = streams.output(stream).orElse(null);
        if (output == null) {
            exchange.problem(ProblemType.NOT_FOUND, "stream " + stream + " is not live");
            return;
        }
        if (output.init().isEmpty()) {
            // The muxer has just started: its first part follows the hub's catch-up at once.
            HlsWindow.Answer answer = output.window().reload(PlaylistQuery.PLAIN,
                    () -> exchange.later(() -> multivariant(exchange, stream, sessionId, token)));
            if (answer.outcome() == HlsWindow.Outcome.WAITING) {
                exchange.waitingFor(answer.waiter());
                return;
            }
            if (output.init().isEmpty()) {
                exchange.problem(ProblemType.UNAVAILABLE, "the stream has no media HLS can carry yet");
                return;
            }
        }
        String mediaUri = MEDIA + "?session=" + sessionId + (token == null ? "" : "&token=" + encode(token));
        exchange.text(streams.multivariant(output, mediaUri));
    }

    private void media(HttpServletRequest request, HttpServletResponse response, String stream, String token)
            throws IOException {
        PlaylistQuery query;
        try {
            query = PlaylistQuery.parse(request.getParameter("_HLS_msn"), request.getParameter("_HLS_part"),
                    request.getParameter("_HLS_skip"));
        } catch (IllegalArgumentException e) {
            problem(response, ProblemType.INVALID_REQUEST, e.getMessage());
            return;
        }
        String session = request.getParameter("session");
        switch (streams.viewerSeen(session, stream, 0)) {
            case CLOSED -> problem(response, ProblemType.PLAY_REFUSED, "this viewer's session was ended");
            case UNKNOWN -> admitThen(request, response, stream, token, (exchange, sessionId) ->
                    exchange.redirect(MEDIA + "?session=" + sessionId + (token == null ? "" : "&token=" + encode(token))
                            + directives(query)));
            case OPEN -> {
                Exchange exchange = new Exchange(request.startAsync(), response, waitMillis());
                mediaPlaylist(exchange, stream, query, token);
            }
        }
    }

    private void mediaPlaylist(Exchange exchange, String stream, PlaylistQuery query, String token) {
        HlsStreams.Output output = streams.output(stream).orElse(null);
        if (output == null) {
            exchange.problem(ProblemType.NOT_FOUND, "stream " + stream + " is not live");
            return;
        }
        HlsWindow.Answer answer = output.window().reload(query,
                () -> exchange.later(() -> mediaPlaylist(exchange, stream, query, token)));
        switch (answer.outcome()) {
            case READY -> exchange.text(output.window().render(query,
                    "?v=" + output.epoch() + (token == null ? "" : "&token=" + encode(token))));
            case WAITING -> exchange.waitingFor(answer.waiter());
            case BAD_REQUEST -> exchange.problem(ProblemType.INVALID_REQUEST, answer.reason());
            case BUSY -> exchange.problem(ProblemType.UNAVAILABLE, answer.reason());
            case NOT_FOUND -> exchange.problem(ProblemType.NOT_FOUND, answer.reason());
        }
    }

    private void resource(HttpServletRequest request, HttpServletResponse response, String stream, String name,
                          String token) throws IOException {
        HlsStreams.Output output = streams.output(stream).orElse(null);
        if (output == null) {
            problem(response, ProblemType.NOT_FOUND, "stream " + stream + " is not live");
            return;
        }
        String version = request.getParameter("v");
        if (version != null && !version.equals(output.epoch())) {
            problem(response, ProblemType.NOT_FOUND, "that output of " + stream + " has ended");
            return;
        }
        String etag = "\"" + output.epoch() + "-" + name + "\"";
        if (etag.equals(request.getHeader("If-None-Match"))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            response.setHeader("ETag", etag);
            return;
        }
        Exchange exchange = new Exchange(request.startAsync(), response, waitMillis());
        streams.mayRead(stream, token).whenComplete((allowed, failure) -> {
            if (failure != null) {
                exchange.refuse(failure);
            } else if (!allowed) {
                exchange.problem(ProblemType.PLAY_REFUSED, "stream " + stream + " is private: a valid token is needed");
            } else {
                sendResource(exchange, output, name, etag);
            }
        });
    }

    private void sendResource(Exchange exchange, HlsStreams.Output output, String name, String etag) {
        HlsWindow.Answer answer = output.window().resource(name,
                () -> exchange.later(() -> sendResource(exchange, output, name, etag)));
        switch (answer.outcome()) {
            case READY -> exchange.resource(answer.resource(), etag, immutableSeconds());
            case WAITING -> exchange.waitingFor(answer.waiter());
            case BUSY -> exchange.problem(ProblemType.UNAVAILABLE, answer.reason());
            default -> exchange.problem(ProblemType.NOT_FOUND, name + " is not in the window");
        }
    }

    /** How long caches may keep a segment: about as long as it stays in the window. */
    private long immutableSeconds() {
        var settings = streams.settings();
        return Math.max(1, settings.segments() * settings.segmentMs() / 1_000);
    }

    private long waitMillis() {
        return Math.max(3_000, 3 * streams.settings().segmentMs());
    }

    private static String directives(PlaylistQuery query) {
        StringBuilder out = new StringBuilder();
        if (query.msn() >= 0) {
            out.append("&_HLS_msn=").append(query.msn());
        }
        if (query.part() >= 0) {
            out.append("&_HLS_part=").append(query.part());
        }
        if (query.skip()) {
            out.append("&_HLS_skip=YES");
        }
        return out.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void problem(HttpServletResponse response, ProblemType type, String detail) throws IOException {
        ServletProblems.send(response, Problem.of(type, detail), Map.of());
    }

    /** One async request: answered once, from a container thread, or with 503 when its wait times out. */
    private static final class Exchange implements AsyncListener {
        private final AsyncContext async;
        private final HttpServletResponse response;
        private final AtomicBoolean answered = new AtomicBoolean();
        private volatile HlsWindow.Waiter waiter;

        Exchange(AsyncContext async, HttpServletResponse response, long timeoutMillis) {
            this.async = async;
            this.response = response;
            async.setTimeout(timeoutMillis);
            async.addListener(this);
        }

        void waitingFor(HlsWindow.Waiter registered) {
            this.waiter = registered;
        }

        /** Runs {@code step} on a container thread: a window's listener runs on the publisher's. */
        void later(Runnable step) {
            if (answered.get()) {
                return;
            }
            try {
                async.start(step);
            } catch (IllegalStateException requestOver) {
                answered.set(true);
            }
        }

        void text(String playlist) {
            answer(() -> {
                byte[] bytes = playlist.getBytes(StandardCharsets.UTF_8);
                response.setContentType(PLAYLIST_TYPE);
                response.setHeader("Cache-Control", "no-cache");
                response.setContentLength(bytes.length);
                response.getOutputStream().write(bytes);
            });
        }

        void resource(HlsResource resource, String etag, long maxAgeSeconds) {
            answer(() -> {
                response.setContentType(resource.contentType());
                response.setHeader("Cache-Control", "public, max-age=" + maxAgeSeconds + ", immutable");
                response.setHeader("ETag", etag);
                response.setContentLengthLong(resource.length());
                resource.writeTo(response.getOutputStream());
            });
        }

        void redirect(String location) {
            answer(() -> {
                response.setHeader("Cache-Control", "no-store");
                response.sendRedirect(location);
            });
        }

        void problem(ProblemType type, String detail) {
            answer(() -> ServletProblems.send(response, Problem.of(type, detail), Map.of()));
        }

        void refuse(Throwable failure) {
            Refusal refusal = AdmissionRefusedException.of(failure);
            if (refusal == null) {
                LOG.log(Level.WARNING, "admission of an HLS viewer failed", failure);
                problem(ProblemType.UNAVAILABLE, "the server could not decide, try again later");
                return;
            }
            ProblemType type = switch (refusal.kind()) {
                case NOT_FOUND -> ProblemType.NOT_FOUND;
                case FORBIDDEN -> ProblemType.PLAY_REFUSED;
                case LIMIT -> ProblemType.PLAYER_LIMIT;
                case CONFLICT -> ProblemType.CONFLICT;
                case UNAVAILABLE -> ProblemType.UNAVAILABLE;
            };
            problem(type, LogText.of(refusal.message()));
        }

        private interface Writing {
            void write() throws IOException;
        }

        private void answer(Writing writing) {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            try {
                writing.write();
            } catch (IOException | IllegalStateException e) {
                LOG.log(Level.FINE, "an HLS client went away before its answer", e);
            } finally {
                try {
                    async.complete();
                } catch (IllegalStateException alreadyOver) {
                    // the container ended the request first
                }
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            HlsWindow.Waiter registered = waiter;
            if (registered != null) {
                registered.cancel();
            }
            problem(ProblemType.UNAVAILABLE, "what the request waits for did not come in time");
        }

        @Override
        public void onError(AsyncEvent event) {
            HlsWindow.Waiter registered = waiter;
            if (registered != null) {
                registered.cancel();
            }
            answered.set(true);
        }

        @Override
        public void onComplete(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }
}
