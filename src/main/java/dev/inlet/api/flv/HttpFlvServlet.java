package dev.inlet.api.flv;

import dev.inlet.api.problems.Problem;
import dev.inlet.api.problems.ProblemType;
import dev.inlet.api.problems.ServletProblems;
import dev.inlet.core.AdmissionRefusedException;
import dev.inlet.text.LogText;
import dev.inlet.core.PlayInfo;
import dev.inlet.core.ReadRequest;
import dev.inlet.core.Refusal;
import dev.inlet.ingest.RtmpServer;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * {@code GET /live/<stream>.flv[?token=…]}: the stream's hub as a chunked FLV response — the GOP cache first, then
 * live — for ffplay, VLC and mpegts.js. The player is admitted by the stream core like any other reader (limits,
 * play tokens, authorisers; listed and kickable); a refusal is a problem document: 404 for a stream without a
 * publisher, 403 for a refused play, 503 at a player limit.
 */
@WebServlet(urlPatterns = "/live/*", asyncSupported = true)
public class HttpFlvServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(HttpFlvServlet.class.getName());
    /** {@code /<code>.flv}; the code itself is judged by the one rule every catalog uses. */
    private static final Pattern STREAM_PATH = Pattern.compile("/([^/]+)\\.flv");
    /** The most one player may have queued (here and in the container's last write) before it is dropped. */
    static final long MAX_QUEUED_BYTES = 8L * 1024 * 1024;
    private static final String PROTOCOL = "http-flv";

    /** {@code /<code>/<name>}: HLS (see {@link dev.inlet.api.hls.HlsService}). */
    private static final Pattern HLS_PATH = Pattern.compile("/([^/]+)/([A-Za-z0-9.-]{1,64})");

    @Inject
    RtmpServer server;
    @Inject
    dev.inlet.api.hls.HlsService hls;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        var hlsMatch = path == null ? null : HLS_PATH.matcher(path);
        if (hlsMatch != null && hlsMatch.matches() && dev.inlet.core.StreamCodes.isValid(hlsMatch.group(1))) {
            hls.serve(request, response, hlsMatch.group(1), hlsMatch.group(2));
            return;
        }
        var match = path == null ? null : STREAM_PATH.matcher(path);
        if (match == null || !match.matches() || !dev.inlet.core.StreamCodes.isValid(match.group(1))) {
            problem(response, ProblemType.NOT_FOUND, "expected /live/<stream>.flv");
            return;
        }
        String stream = match.group(1);
        if (!server.isLive(stream) && !server.core().canPullFromCluster()) {
            problem(response, ProblemType.NOT_FOUND, "stream " + stream + " is not live");
            return;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        PlayInfo info = new PlayInfo(request.getRemoteAddr() + ":" + request.getRemotePort(), PROTOCOL,
                LogText.of(request.getHeader("User-Agent")), stream);
        HttpConnectionAbort connection = HttpConnectionAbort.of(request);
        HttpFlvPlayer player = new HttpFlvPlayer(async, response.getOutputStream(), info, MAX_QUEUED_BYTES,
                connection::abort, () -> countSlowPlayer(info));
        async.addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
                player.close("request complete");
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                player.close("request timed out");
            }

            @Override
            public void onError(AsyncEvent event) {
                player.close("request failed: " + event.getThrowable());
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }
        });
        ReadRequest admission = new ReadRequest(PROTOCOL, stream, request.getParameter("token"),
                "http-" + UUID.randomUUID(), info);
        server.core().admitReader(admission, player).whenComplete((reading, failure) -> {
            if (failure == null) {
                response.setContentType("video/x-flv");
                response.setHeader("Cache-Control", "no-cache");
                response.setHeader("Access-Control-Allow-Origin", "*"); // browser players (mpegts.js) fetch cross-origin
                player.started(reading);
            } else {
                refuse(async, response, player, failure);
            }
        });
    }

    /** Counted with the RTMP slow peers. */
    private void countSlowPlayer(PlayInfo info) {
        server.countClose(HttpFlvPlayer.SLOW_PEER);
        LOG.log(Level.INFO, "closing {0}: HTTP-FLV player of {1} not reading, more than {2} bytes queued ({3})",
                new Object[]{info.remoteAddress(), info.streamName(), MAX_QUEUED_BYTES, HttpFlvPlayer.SLOW_PEER});
    }

    private void refuse(AsyncContext async, HttpServletResponse response, HttpFlvPlayer player, Throwable failure) {
        Refusal refusal = AdmissionRefusedException.of(failure);
        ProblemType type = refusal == null ? ProblemType.UNAVAILABLE : switch (refusal.kind()) {
            case NOT_FOUND -> ProblemType.NOT_FOUND;
            case FORBIDDEN -> ProblemType.PLAY_REFUSED;
            case LIMIT -> ProblemType.PLAYER_LIMIT;
            case CONFLICT -> ProblemType.CONFLICT;
            case UNAVAILABLE -> ProblemType.UNAVAILABLE;
        };
        if (refusal == null) {
            LOG.log(Level.WARNING, "admission of an HTTP-FLV player failed", failure);
        }
        player.refused();
        try {
            problem(response, type, refusal == null ? "the server could not decide, try again later"
                    : LogText.of(refusal.message()));
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "the refused HTTP-FLV client is gone", e);
        } finally {
            try {
                async.complete();
            } catch (IllegalStateException alreadyCompleted) {
                // the client went away first
            }
        }
    }

    private void problem(HttpServletResponse response, ProblemType type, String detail) throws IOException {
        ServletProblems.send(response, Problem.of(type, detail), Map.of());
    }
}
