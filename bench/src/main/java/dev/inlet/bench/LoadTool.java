package dev.inlet.bench;

import dev.inlet.rtmp.client.RtmpClient;
import dev.inlet.rtmp.client.RtmpStatus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * One publisher replays an FLV file in real time, N players play the stream, all in this JVM so that
 * send and receive times share one clock. Prints one {@code key=value} summary line (prefixed
 * {@code RESULT }) and a table; see docs/benchmarks.md for what each figure means.
 */
public final class LoadTool {

    static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);
    static final long WARMUP_MILLIS = 3000;
    static final long FIRST_FRAME_WAIT_MILLIS = 10_000;
    static final long GRACE_MILLIS = 3000;
    /** How long each warm-up crowd plays (see {@link #warmUp}). */
    static final long WARMUP_CROWD_MILLIS = 20_000;
    private static final int CONNECTING_THREADS = 16;

    private LoadTool() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        long rampMillis = 1000L * options.players() / options.rampPerSecond();
        long plannedMillis = WARMUP_MILLIS + options.warmupCrowds() * (rampMillis + WARMUP_CROWD_MILLIS + GRACE_MILLIS)
                + rampMillis + FIRST_FRAME_WAIT_MILLIS + options.settleSeconds() * 1000L + options.seconds() * 1000L + GRACE_MILLIS;
        long hardLimitMillis = plannedMillis + 120_000; // connecting may take a minute more than planned
        startWatchdog(hardLimitMillis);
        Summary summary = options.streams() > 1 ? ManyStreams.run(options, plannedMillis, hardLimitMillis)
                : run(options, plannedMillis, hardLimitMillis);
        System.out.println("RESULT " + summary.line());
        warnIfToolBound(summary);
        System.out.println(options.label() + ":");
        System.out.print(summary.table());
        if (options.out() != null) {
            Files.writeString(options.out(), summary.line() + "\n");
        }
        System.exit(0); // player reader threads are daemons, but do not wait for anything else
    }

    private static Summary run(Options options, long plannedMillis, long hardLimitMillis) throws Exception {
        Workload workload = Workload.load(options.flv());
        ProcessStats server = new ProcessStats(options.serverPids(), options.clockTicks());
        ProcessStats self = new ProcessStats(List.of(ProcessHandle.current().pid()), options.clockTicks());
        // sized for the whole run at up to 200 messages a second, with room to spare
        SendLog log = new SendLog((int) Math.min(5_000_000, (plannedMillis / 1000 + 120) * 200));
        Measurement measurement = new Measurement(log);

        RtmpClient publishing = RtmpClient.connect(Options.HOST, options.port(), options.app(), CLIENT_TIMEOUT);
        int streamId = publishing.createStream();
        RtmpStatus status = publishing.publish(streamId, options.publishName());
        if (!"NetStream.Publish.Start".equals(status.code())) {
            throw new IOException("publish refused: " + status.code() + " " + status.description());
        }
        publishing.setChunkSize(4096);
        long deadline = System.nanoTime() + hardLimitMillis * 1_000_000L; // the publisher outlives any slow ramp
        try (Publisher publisher = new Publisher(publishing, streamId, workload, log, deadline)) {
            publisher.start();
            Thread.sleep(WARMUP_MILLIS); // the servers see at least one keyframe before the first player
            warmUp(options, log);
            JvmHeap heap = options.jvmServer() ? new JvmHeap(options.serverPids().get(0)) : null;
            long heapBeforeKb = heap == null ? -1 : heap.liveKilobytesAfterGc();
            long rssBeforeKb = server.residentKilobytes();

            // --measure-from join (a flash crowd): the window opens just before the first player connects, so the
            // joins' CPU, the catch-up GOPs and the live frames delivered meanwhile are all in it.
            List<PlayerProbe> players = options.measureFromJoin() ? List.of() : startPlayers(options, measurement);
            if (!options.measureFromJoin()) {
                awaitFirstKeyframes(players, FIRST_FRAME_WAIT_MILLIS);
                Thread.sleep(options.settleSeconds() * 1000L);
            }

            long windowStart = System.nanoTime();
            double cpuStart = server.cpuSeconds();
            double selfCpuStart = self.cpuSeconds();
            long bytesStart = measurement.receivedBytes.sum();
            long sentStart = publisher.sentBytes();
            publisher.resetLag();
            measurement.startWindow(windowStart);
            if (options.measureFromJoin()) {
                players = startPlayers(options, measurement);
            }
            sleepUntil(windowStart + options.seconds() * 1_000_000_000L);
            measurement.endWindow();
            long windowEnd = System.nanoTime();
            double cpuEnd = server.cpuSeconds();
            double selfCpuEnd = self.cpuSeconds();
            long bytesEnd = measurement.receivedBytes.sum();
            long sentEnd = publisher.sentBytes();
            long rssAllKb = server.residentKilobytes();
            double publisherLag = publisher.maxLagMillis();
            Thread.sleep(GRACE_MILLIS); // messages of the window still in flight count as delivered
            long heapAllKb = heap == null ? -1 : heap.liveKilobytesAfterGc(); // after the window: no effect on its CPU

            Summary summary = summarise(options, players, measurement, (windowEnd - windowStart) / 1e9,
                    bytesEnd - bytesStart, sentEnd - sentStart, cpuEnd - cpuStart, selfCpuEnd - selfCpuStart,
                    rssBeforeKb, rssAllKb, heapBeforeKb, heapAllKb, publisherLag, publisher.failure());
            players.forEach(PlayerProbe::close);
            return summary;
        }
    }

    /**
     * --warmup-crowds N: the same crowd joins, plays {@link #WARMUP_CROWD_MILLIS} and leaves N times before the
     * measured run, as on a server that has hosted an event before. A JVM server compiles its play path during its
     * first crowd (in the product, the JIT took more than half of the CPU of the first joins), a one-off cost of a
     * fresh process; nginx-rtmp is unaffected. Nothing of a warm-up crowd is measured.
     */
    private static void warmUp(Options options, SendLog log) throws InterruptedException {
        for (int round = 0; round < options.warmupCrowds(); round++) {
            Measurement unmeasured = new Measurement(log);
            List<PlayerProbe> crowd = startPlayers(options, player -> unmeasured, player -> options.playName());
            Thread.sleep(WARMUP_CROWD_MILLIS);
            crowd.forEach(PlayerProbe::close);
            Thread.sleep(GRACE_MILLIS); // the server lets them go before the next crowd or the baseline
        }
    }

    static void sleepUntil(long nanos) throws InterruptedException {
        long wait;
        while ((wait = nanos - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private static List<PlayerProbe> startPlayers(Options options, Measurement measurement) throws InterruptedException {
        return startPlayers(options, player -> measurement, player -> options.playName());
    }

    /** Starts {@code --players} players at {@code --ramp} per second; player i plays {@code nameOf(i)}. */
    static List<PlayerProbe> startPlayers(Options options, IntFunction<Measurement> measurementOf,
                                          IntFunction<String> nameOf) throws InterruptedException {
        List<PlayerProbe> players = new ArrayList<>();
        // A blocking join takes up to ~100 ms (nginx-rtmp under a crowd): enough threads to keep the ramp's pace.
        ExecutorService connecting = Executors.newFixedThreadPool(Math.max(CONNECTING_THREADS, options.rampPerSecond() / 4));
        long start = System.nanoTime();
        long intervalNanos = 1_000_000_000L / options.rampPerSecond();
        for (int i = 0; i < options.players(); i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            PlayerProbe player = new PlayerProbe(measurementOf.apply(i));
            players.add(player);
            String name = nameOf.apply(i);
            connecting.execute(() -> player.play(Options.HOST, options.port(), options.app(), name, CLIENT_TIMEOUT));
        }
        connecting.shutdown();
        if (!connecting.awaitTermination(CLIENT_TIMEOUT.toMillis() * 6, TimeUnit.MILLISECONDS)) {
            connecting.shutdownNow();
        }
        return players;
    }

    static void awaitFirstKeyframes(List<PlayerProbe> players, long maxMillis) throws InterruptedException {
        long deadline = System.nanoTime() + maxMillis * 1_000_000L;
        while (System.nanoTime() < deadline
                && players.stream().anyMatch(p -> p.playing() && !p.hasKeyframe() && !p.closedByServer())) {
            Thread.sleep(50);
        }
    }

    static Summary summarise(Options options, List<PlayerProbe> players, Measurement measurement,
                                     double windowSeconds, long deliveredBytes, long publishedBytes,
                                     double serverCpu, double toolCpu, long rssBeforeKb, long rssAllKb,
                                     long heapBeforeKb, long heapAllKb,
                                     double publisherLagMillis, IOException publisherFailure) {
        List<PlayerProbe> playing = players.stream().filter(PlayerProbe::playing).toList();
        double deliveredMbps = deliveredBytes * 8 / windowSeconds / 1e6;
        double publishedMbps = publishedBytes * 8 / windowSeconds / 1e6;
        double deliveredGbit = deliveredBytes * 8 / 1e9;
        long[] missed = playing.stream().filter(PlayerProbe::hasKeyframe).mapToLong(PlayerProbe::missed).toArray();
        String firstFailure = players.stream().map(PlayerProbe::failure).filter(f -> f != null).findFirst().orElse("none");
        return new Summary()
                .put("server", options.label())
                .put("players", options.players())
                .put("players_playing", playing.size())
                .put("players_failed", players.size() - playing.size())
                .put("players_without_keyframe", playing.stream().filter(p -> !p.hasKeyframe()).count())
                .put("players_closed_by_server", playing.stream().filter(PlayerProbe::closedByServer).count())
                .put("window_s", windowSeconds)
                .put("published_mbps", publishedMbps)
                .put("delivered_mbps", deliveredMbps)
                .put("delivered_fraction", publishedMbps == 0 || playing.isEmpty() ? Double.NaN
                        : deliveredMbps / (publishedMbps * playing.size()))
                .put("server_cpu_s", serverCpu)
                .put("server_cpu_pct", 100 * serverCpu / windowSeconds)
                .put("cpu_s_per_gbit", deliveredGbit == 0 ? Double.NaN : serverCpu / deliveredGbit)
                .put("tool_cpu_pct", 100 * toolCpu / windowSeconds)
                .put("join_p95_ms", percentile(playing.stream().mapToDouble(PlayerProbe::millisToJoin), 95))
                .put("ttff_video_p50_ms", percentile(playing.stream().mapToDouble(PlayerProbe::millisToFirstVideo), 50))
                .put("ttff_p50_ms", percentile(playing.stream().mapToDouble(PlayerProbe::millisToFirstKeyframe), 50))
                .put("ttff_p95_ms", percentile(playing.stream().mapToDouble(PlayerProbe::millisToFirstKeyframe), 95))
                .put("latency_p50_ms", measurement.latency.percentileMillis(50))
                .put("latency_p99_ms", measurement.latency.percentileMillis(99))
                .put("latency_max_ms", measurement.latency.percentileMillis(100))
                .put("latency_samples", measurement.latency.count())
                .put("latency_with_catchup_p99_ms", measurement.latencyWithCatchUp.percentileMillis(99))
                .put("missed_total", Arrays.stream(missed).sum())
                .put("missed_per_player_max", Arrays.stream(missed).max().orElse(0))
                .put("players_with_missed", Arrays.stream(missed).filter(m -> m > 0).count())
                .put("behind_per_player_max", playing.stream().mapToLong(PlayerProbe::behind).max().orElse(0))
                .put("players_behind", playing.stream().filter(p -> p.behind() > 0).count())
                .put("duplicates_total", playing.stream().mapToLong(PlayerProbe::duplicates).sum())
                .put("unmatched_messages", measurement.unmatchedMessages.sum())
                .put("mislabelled_messages", measurement.mislabelledMessages.sum())
                .put("rss_before_kb", rssBeforeKb)
                .put("rss_all_kb", rssAllKb)
                .put("rss_per_player_kb", playing.isEmpty() ? Double.NaN
                        : (rssAllKb - rssBeforeKb) / (double) playing.size())
                .put("heap_live_before_kb", heapBeforeKb < 0 ? "n/a" : Long.toString(heapBeforeKb))
                .put("heap_live_all_kb", heapAllKb < 0 ? "n/a" : Long.toString(heapAllKb))
                .put("heap_per_player_kb", heapBeforeKb < 0 || heapAllKb < 0 || playing.isEmpty() ? "n/a"
                        : String.format(java.util.Locale.ROOT, "%.3f", (heapAllKb - heapBeforeKb) / (double) playing.size()))
                .put("publisher_max_lag_ms", publisherLagMillis)
                .put("publisher_failure", publisherFailure == null ? "none" : publisherFailure.toString())
                .put("first_player_failure", firstFailure);
    }

    /** On a small machine the players' JVM can be the bottleneck; then the figures describe the tool, not the server. */
    private static void warnIfToolBound(Summary summary) {
        double toolCpu = Double.parseDouble(summary.values().get("tool_cpu_pct"));
        long behind = Long.parseLong(summary.values().get("players_behind"));
        long failed = Long.parseLong(summary.values().get("players_failed"));
        if (toolCpu > 75 || behind > 0 || failed > 0) {
            System.out.println("WARNING " + summary.values().get("server") + ": tool CPU " + toolCpu + "%, "
                    + behind + " players behind at the end, " + failed + " failed to join: the load tool or the machine"
                    + " may be saturated; latency, missed and delivered figures are then not the server's alone");
        }
    }

    /** Nearest-rank percentile of the finite values; NaN when there are none. */
    private static double percentile(java.util.stream.DoubleStream values, double percentile) {
        double[] sorted = values.filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(sorted.length * percentile / 100.0);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** However the run goes, the tool ends: a stuck connect or join must not hold the script forever. */
    private static void startWatchdog(long maxMillis) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(maxMillis);
                System.err.println("load tool: exceeded " + maxMillis + " ms, stopping");
                Runtime.getRuntime().halt(3);
            } catch (InterruptedException ignored) {
                // the run ended first
            }
        }, "bench-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
