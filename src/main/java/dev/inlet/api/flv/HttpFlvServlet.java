package dev.inlet.api.flv;

import dev.inlet.ingest.PlayInfo;
import dev.inlet.ingest.RtmpServer;
import dev.inlet.ingest.StreamNotFoundException;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * {@code GET /live/<stream>.flv}: the stream's hub as a chunked FLV response — the GOP cache first,
 * then live — for ffplay, VLC and mpegts.js. A stream without a publisher answers 404.
 */
@WebServlet(urlPatterns = "/live/*", asyncSupported = true)
public class HttpFlvServlet extends HttpServlet {

    private static final Pattern STREAM_PATH = Pattern.compile("/([A-Za-z0-9._~-]{1,128})\\.flv");
    private static final long MAX_QUEUED_BYTES = 8L * 1024 * 1024;

    @Inject
    RtmpServer server;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        var match = path == null ? null : STREAM_PATH.matcher(path);
        if (match == null || !match.matches()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "expected /live/<stream>.flv");
            return;
        }
        String stream = match.group(1);
        if (!server.isLive(stream)) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "stream " + stream + " is not live");
            return;
        }
        response.setContentType("video/x-flv");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("Access-Control-Allow-Origin", "*"); // browser players (mpegts.js) fetch cross-origin
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        ServletOutputStream out = response.getOutputStream();
        PlayInfo info = new PlayInfo(request.getRemoteAddr() + ":" + request.getRemotePort(), "http-flv",
                request.getHeader("User-Agent"), stream);
        HttpFlvPlayer player = new HttpFlvPlayer(async, out, info, MAX_QUEUED_BYTES);
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
        out.setWriteListener(player);
        try {
            player.feed(server.play(stream, info, player));
        } catch (StreamNotFoundException e) {
            player.close(e.getMessage());
        }
    }
}
