package dev.inlet.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP load of HLS viewers on one stream, as players poll it: {@code ll} clients do what hls.js does in low-latency
 * mode — a blocking playlist reload for the next part ({@code _HLS_msn}, {@code _HLS_part}, {@code _HLS_skip=YES}),
 * then the parts it lists after the last one the client fetched; {@code plain} clients reload the playlist every half
 * target duration (a target duration after a change) and fetch each new segment. Every body is read to the end.
 * After the clients have joined (at {@code --ramp} per second) and a warm-up, it measures the server processes' CPU
 * and what was delivered over {@code --seconds}, and prints one {@code RESULT} line.
 *
 * <pre>
 * HlsLoadTool --url http://127.0.0.1:8080/live/demo/index.m3u8 --mode ll|plain --clients 500 --ramp 100
 *             --warmup 10 --seconds 30 --server-pids 1234[,5678] --clk-tck 100 --label inlet-ll [--out file]
 * </pre>
 */
public final class HlsLoadTool {

    private static final long REQUEST_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(15);
    private static final int DEBUG_ERRORS = Integer.getInteger("hls.load.debug-errors", 0);

    private final HttpLoop loop;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong playlists = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong activeClients = new AtomicLong();
    private volatile String firstError;

    private HlsLoadTool(InetSocketAddress server) throws IOException {
        loop = new HttpLoop(server, this::failedConnection);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        URI url = URI.create(required(options, "--url"));
        boolean lowLatency = switch (options.getOrDefault("--mode", "ll")) {
            case "ll" -> true;
            case "plain" -> false;
            default -> throw new IllegalArgumentException("--mode ll|plain");
        };
        int clients = Integer.parseInt(options.getOrDefault("--clients", "500"));
        int ramp = Integer.parseInt(options.getOrDefault("--ramp", "100"));
        int warmup = Integer.parseInt(options.getOrDefault("--warmup", "10"));
        int seconds = Integer.parseInt(options.getOrDefault("--seconds", "30"));
        if (clients < 1 || clients > 5000 || ramp < 1 || seconds < 1 || warmup < 0) {
            throw new IllegalArgumentException("--clients 1..5000, --ramp >= 1, --seconds >= 1, --warmup >= 0");
        }
        if (!"http".equals(url.getScheme()) || url.getPort() < 0) {
            throw new IllegalArgumentException("--url: http://host:port/... (plain HTTP, explicit port)");
        }
        List<Long> pids = new ArrayList<>();
        for (String pid : required(options, "--server-pids").split(",")) {
            pids.add(Long.parseLong(pid.trim()));
        }
        ProcessStats server = new ProcessStats(pids, Long.parseLong(options.getOrDefault("--clk-tck", "100")));
        String label = options.getOrDefault("--label", "server");

        HlsLoadTool tool = new HlsLoadTool(new InetSocketAddress(url.getHost(), url.getPort()));
        Thread loopThread = new Thread(tool.loop, "hls-load-loop");
        loopThread.setDaemon(true);
        loopThread.start();
        for (int i = 0; i < clients; i++) {
            Client client = tool.new Client(url, lowLatency);
            tool.loop.execute(client::start);
            Thread.sleep(1_000 / ramp, (int) (1_000_000_000L / ramp % 1_000_000));
        }
        Thread.sleep(warmup * 1_000L);

        double cpu0 = server.cpuSeconds();
        long bytes0 = tool.bytes.get();
        long requests0 = tool.requests.get();
        long playlists0 = tool.playlists.get();
        long errors0 = tool.errors.get();
        long t0 = System.nanoTime();
        long rssPeak = 0;
        while (System.nanoTime() - t0 < seconds * 1_000_000_000L) {
            Thread.sleep(500);
            rssPeak = Math.max(rssPeak, server.residentKilobytes());
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        double cpu = server.cpuSeconds() - cpu0;
        long delivered = tool.bytes.get() - bytes0;
        long requestCount = tool.requests.get() - requests0;
        long playlistCount = tool.playlists.get() - playlists0;
        long errorCount = tool.errors.get() - errors0;

        double gbit = delivered * 8 / 1e9;
        String result = String.format(Locale.ROOT, "RESULT label=%s mode=%s clients=%d active=%d seconds=%.1f "
                        + "cpu_s=%.2f cpu_pct=%.1f delivered_mbit_s=%.1f cpu_s_per_gbit=%.2f cpu_ms_per_client_s=%.3f "
                        + "requests_s=%.0f playlists_s=%.0f cpu_us_per_request=%.0f errors=%d rss_peak_mb=%.1f",
                label, lowLatency ? "ll" : "plain", clients, tool.activeClients.get(), elapsed, cpu,
                100 * cpu / elapsed, gbit * 1000 / elapsed, gbit > 0 ? cpu / gbit : Double.NaN,
                1000 * cpu / elapsed / clients, requestCount / elapsed, playlistCount / elapsed,
                requestCount > 0 ? 1e6 * cpu / requestCount : Double.NaN, errorCount, rssPeak / 1024.0);
        System.out.println(result);
        if (tool.firstError != null) {
            System.out.println("first error: " + tool.firstError);
        }
        if (options.containsKey("--out")) {
            Files.writeString(Path.of(options.get("--out")), result + "\n");
        }
        System.exit(0);
    }

    /**
     * The multivariant playlist's first media playlist (Inlet names a viewer session in it, so each client asks for
     * its own), or the URL itself when it is a media playlist (nginx-rtmp's).
     */
    private static URI mediaPlaylist(String text, URI url) {
        if (!text.contains("#EXT-X-STREAM-INF")) {
            return url;
        }
        boolean uriNext = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("#EXT-X-STREAM-INF")) {
                uriNext = true;
            } else if (uriNext && !line.isBlank() && !line.startsWith("#")) {
                return url.resolve(line.strip());
            }
        }
        throw new IllegalStateException(url + " lists no media playlist");
    }

    /** One viewer on its own keep-alive connection: a chain of requests, each sent when the one before is over. */
    private final class Client {

        private final URI entry;
        private final boolean lowLatency;
        private HttpLoop.Connection connection;
        private String lastFetched;
        private URI media;

        Client(URI entry, boolean lowLatency) {
            this.entry = entry;
            this.lowLatency = lowLatency;
        }

        void start() {
            activeClients.incrementAndGet();
            join();
        }

        private void get(URI uri, boolean keepBody, HttpLoop.Handler handler) {
            get(uri, keepBody, handler, true);
        }

        private void get(URI uri, boolean keepBody, HttpLoop.Handler handler, boolean mayResend) {
            requests.incrementAndGet();
            if (connection == null || connection.closed()) {
                try {
                    connection = loop.open();
                } catch (IOException e) {
                    failed(uri, e.toString());
                    loop.after(1_000, this::join);
                    return;
                }
            }
            connection.get(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()), keepBody,
                    REQUEST_TIMEOUT_NANOS, (status, length, body) -> {
                        if (status == HttpLoop.CLOSED_BEFORE_RESPONSE && mayResend) {
                            requests.decrementAndGet(); // as a browser does: once more, on a new connection
                            get(uri, keepBody, handler, false);
                            return;
                        }
                        if (status == 200) {
                            bytes.addAndGet(length);
                        } else {
                            failed(uri, status < 0 ? "connection failed or timed out" : "HTTP " + status);
                        }
                        handler.done(status, length, body);
                    });
        }

        private void join() {
            get(entry, true, (status, length, body) -> {
                if (status != 200) {
                    loop.after(1_000, this::join);
                    return;
                }
                media = mediaPlaylist(new String(body, StandardCharsets.UTF_8), entry);
                reload(media);
            });
        }

        private void reload(URI playlist) {
            playlists.incrementAndGet();
            get(playlist, true, (status, length, body) -> {
                if (status != 200) {
                    loop.after(1_000, this::join);
                    return;
                }
                onPlaylist(Playlist.parse(new String(body, StandardCharsets.UTF_8)));
            });
        }

        private void onPlaylist(Playlist playlist) {
            List<String> candidates = lowLatency ? playlist.parts : playlist.segments;
            // Onwards from the last one fetched, as a player reads; a client that joins, or that fell so far behind
            // that its position is no longer listed, starts near the live edge: the last part, or three segments.
            int at = lastFetched == null ? -1 : candidates.lastIndexOf(lastFetched);
            int from = at >= 0 ? at + 1 : Math.max(0, candidates.size() - (lowLatency ? 1 : 3));
            List<String> fresh = List.copyOf(candidates.subList(from, candidates.size()));
            if (!fresh.isEmpty()) {
                lastFetched = fresh.get(fresh.size() - 1);
            }
            fetch(fresh, 0, () -> next(playlist, !fresh.isEmpty()));
        }

        private void fetch(List<String> uris, int index, Runnable then) {
            if (index >= uris.size()) {
                then.run();
                return;
            }
            get(media.resolve(uris.get(index)), false, (status, length, body) -> fetch(uris, index + 1, then));
        }

        private void next(Playlist playlist, boolean changed) {
            if (lowLatency && playlist.nextMsn >= 0) {
                String query = "_HLS_msn=" + playlist.nextMsn + "&_HLS_part=" + playlist.nextPart + "&_HLS_skip=YES";
                String base = media.toString();
                reload(URI.create(base + (base.contains("?") ? "&" : "?") + query));
                return;
            }
            long delayMs = Math.max(250, (changed ? 1_000 : 500) * playlist.targetDurationS);
            loop.after(delayMs, () -> reload(media));
        }
    }

    private void failed(URI uri, String why) {
        if (errors.incrementAndGet() <= DEBUG_ERRORS) {
            System.err.println("error: " + uri + ": " + why);
        }
        if (firstError == null) {
            firstError = uri + ": " + why;
        }
    }

    private void failedConnection(String why) {
        if (DEBUG_ERRORS > 0) {
            System.err.println("connection: " + why);
        }
    }

    /**
     * What a client needs of a media playlist (full or delta): part and segment URIs in order, the target duration,
     * and the next part to block for — the one after the last listed, numbered by media sequence and part index.
     */
    record Playlist(List<String> parts, List<String> segments, long targetDurationS, long nextMsn, long nextPart) {

        static Playlist parse(String text) {
            List<String> parts = new ArrayList<>();
            List<String> segments = new ArrayList<>();
            long targetDuration = 2;
            long msn = 0;
            long partIndex = 0;
            boolean segmentNext = false;
            boolean hasParts = false;
            for (String line : text.split("\n")) {
                if (line.startsWith("#EXT-X-TARGETDURATION:")) {
                    targetDuration = Long.parseLong(line.substring(22).strip());
                } else if (line.startsWith("#EXT-X-MEDIA-SEQUENCE:")) {
                    msn = Long.parseLong(line.substring(22).strip());
                } else if (line.startsWith("#EXT-X-SKIP:")) {
                    msn += Long.parseLong(attribute(line, "SKIPPED-SEGMENTS"));
                } else if (line.startsWith("#EXT-X-PART:")) {
                    parts.add(attribute(line, "URI"));
                    partIndex++;
                    hasParts = true;
                } else if (line.startsWith("#EXTINF:")) {
                    segmentNext = true;
                } else if (segmentNext && !line.isBlank() && !line.startsWith("#")) {
                    segments.add(line.strip());
                    segmentNext = false;
                    msn++;
                    partIndex = 0;
                }
            }
            boolean ended = text.contains("#EXT-X-ENDLIST");
            return new Playlist(parts, segments, targetDuration, hasParts && !ended ? msn : -1, partIndex);
        }

        private static String attribute(String line, String name) {
            int start = line.indexOf(name + "=");
            if (start < 0) {
                throw new IllegalArgumentException("no " + name + " in " + line);
            }
            start += name.length() + 1;
            if (line.charAt(start) == '"') {
                return line.substring(start + 1, line.indexOf('"', start + 1));
            }
            int end = line.indexOf(',', start);
            return line.substring(start, end < 0 ? line.length() : end).strip();
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            values.put(args[i], args[i + 1]);
        }
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("missing value after " + args[args.length - 1]);
        }
        return values;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            System.err.println("missing " + name);
            System.exit(2);
        }
        return value;
    }

}
