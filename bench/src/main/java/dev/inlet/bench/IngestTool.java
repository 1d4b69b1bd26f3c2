package dev.inlet.bench;

import dev.inlet.rtmp.client.RtmpClient;
import dev.inlet.rtmp.client.RtmpStatus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The ingest benchmark: K publishers, each replaying the workload FLV in real time on its own stream, no players.
 * Measures the server's CPU per ingested message and per ingested Gbit, its RSS above the idle server, and how late
 * the publishers' frames left (a server that stops reading holds its publishers back). Prints one
 * {@code RESULT key=value} line and writes it to {@code --out}; see docs/benchmarks.md.
 */
public final class IngestTool {

    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(20);
    private static final int CONNECTING_THREADS = 8;

    private IngestTool() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i], args[i + 1]);
        }
        for (String required : List.of("--port", "--keys", "--flv", "--server-pids")) {
            if (!o.containsKey(required)) {
                System.err.println("usage: IngestTool --port P --keys FILE --flv FILE --server-pids PID[,PID]"
                        + " [--app live] [--seconds 20] [--warmup 3] [--ramp 50] [--clk-tck 100] [--label NAME] [--out FILE]"
                        + " [--jvm-server yes]");
                System.exit(2);
            }
        }
        int port = Integer.parseInt(o.get("--port"));
        String app = o.getOrDefault("--app", "live");
        List<String> names = Files.readAllLines(Path.of(o.get("--keys"))).stream().filter(s -> !s.isBlank()).toList();
        int seconds = Integer.parseInt(o.getOrDefault("--seconds", "20"));
        int ramp = Integer.parseInt(o.getOrDefault("--ramp", "50"));
        // Seconds every publisher runs before the window opens: a JVM server compiles its hot paths in its first
        // minute under load, a one-off cost that a per-message figure of a long-running server should not carry.
        long warmupMillis = 1000L * Integer.parseInt(o.getOrDefault("--warmup", "3"));
        String label = o.getOrDefault("--label", "server");
        List<Long> pids = Arrays.stream(o.get("--server-pids").split(",")).map(String::trim).map(Long::parseLong)
                .toList();
        ProcessStats server = new ProcessStats(pids, Long.parseLong(o.getOrDefault("--clk-tck", "100")));
        ProcessStats self = new ProcessStats(List.of(ProcessHandle.current().pid()),
                Long.parseLong(o.getOrDefault("--clk-tck", "100")));
        JvmHeap heap = "yes".equals(o.get("--jvm-server")) ? new JvmHeap(pids.get(0)) : null;
        Workload workload = Workload.load(Path.of(o.get("--flv")));

        long plannedMillis = 1000L * names.size() / ramp + warmupMillis + seconds * 1000L;
        startWatchdog(plannedMillis + 180_000);
        long deadline = System.nanoTime() + (plannedMillis + 120_000) * 1_000_000L;

        long heapIdleKb = heap == null ? -1 : heap.liveKilobytesAfterGc();
        long rssIdleKb = server.residentKilobytes();

        // Publishers connect at --ramp per second, each starting its replay as soon as it is admitted.
        List<Publisher> publishers = new ArrayList<>();
        List<RtmpClient> clients = new ArrayList<>();
        int refused = 0;
        ExecutorService connecting = Executors.newFixedThreadPool(CONNECTING_THREADS);
        List<Future<Object[]>> pending = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < names.size(); i++) {
            long wait = start + i * (1_000_000_000L / ramp) - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            String name = names.get(i);
            pending.add(connecting.submit(() -> {
                RtmpClient client = RtmpClient.connect(Options.HOST, port, app, CLIENT_TIMEOUT);
                int streamId = client.createStream();
                RtmpStatus status = client.publish(streamId, name);
                if (!"NetStream.Publish.Start".equals(status.code())) {
                    client.close();
                    throw new IOException("publish refused: " + status.code() + " " + status.description());
                }
                client.setChunkSize(4096);
                Publisher publisher = new Publisher(client, streamId, workload, new SendLog(0), deadline);
                publisher.start();
                return new Object[]{publisher, client};
            }));
        }
        for (Future<Object[]> f : pending) {
            try {
                Object[] started = f.get(60, TimeUnit.SECONDS);
                publishers.add((Publisher) started[0]);
                clients.add((RtmpClient) started[1]);
            } catch (Exception e) {
                refused++;
                if (refused <= 3) {
                    System.err.println("publisher failed to start: " + e);
                }
            }
        }
        connecting.shutdown();
        Thread.sleep(warmupMillis);

        double cpuStart = server.cpuSeconds();
        double selfStart = self.cpuSeconds();
        long messagesStart = publishers.stream().mapToLong(Publisher::sentMessages).sum();
        long bytesStart = publishers.stream().mapToLong(Publisher::sentBytes).sum();
        publishers.forEach(Publisher::resetLag);
        long windowStart = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        double cpuEnd = server.cpuSeconds();
        double selfEnd = self.cpuSeconds();
        long windowEnd = System.nanoTime();
        long messagesEnd = publishers.stream().mapToLong(Publisher::sentMessages).sum();
        long bytesEnd = publishers.stream().mapToLong(Publisher::sentBytes).sum();
        long rssKb = server.residentKilobytes();
        double[] lags = publishers.stream().mapToDouble(Publisher::maxLagMillis).sorted().toArray();
        long failedDuring = 0;
        for (int i = 0; i < publishers.size(); i++) {
            if (publishers.get(i).failure() != null || clients.get(i).isClosedByServer()) {
                failedDuring++;
            }
        }
        long heapKb = heap == null ? -1 : heap.liveKilobytesAfterGc(); // after the window: no effect on its CPU

        double window = (windowEnd - windowStart) / 1e9;
        long messages = messagesEnd - messagesStart;
        long bytes = bytesEnd - bytesStart;
        double cpu = cpuEnd - cpuStart;
        int k = Math.max(1, publishers.size());
        // what the workload asks for: its messages per second of media, for every publisher
        double expected = (double) workload.frames().size() * 1000.0 / workload.loopMillis() * k * window;
        Summary s = new Summary()
                .put("server", label)
                .put("publishers", publishers.size())
                .put("publishers_refused", refused)
                .put("publishers_failed_during", failedDuring)
                .put("window_s", window)
                .put("ingested_messages", messages)
                .put("ingested_fraction", messages / expected)
                .put("ingested_mbps", bytes * 8 / window / 1e6)
                .put("server_cpu_s", cpu)
                .put("server_cpu_pct", 100 * cpu / window)
                .put("cpu_us_per_message", messages == 0 ? Double.NaN : cpu * 1e6 / messages)
                .put("cpu_s_per_gbit", bytes == 0 ? Double.NaN : cpu / (bytes * 8 / 1e9))
                .put("rss_idle_mb", rssIdleKb / 1024.0)
                .put("rss_mb", rssKb / 1024.0)
                .put("rss_per_publisher_kb", (rssKb - rssIdleKb) / (double) k)
                .put("heap_per_publisher_kb", heap == null || heapIdleKb < 0 || heapKb < 0 ? Double.NaN
                        : (heapKb - heapIdleKb) / (double) k)
                .put("publisher_lag_p50_ms", percentile(lags, 50))
                .put("publisher_lag_p99_ms", percentile(lags, 99))
                .put("publisher_lag_max_ms", lags.length == 0 ? Double.NaN : lags[lags.length - 1])
                .put("tool_cpu_pct", 100 * (selfEnd - selfStart) / window);
        System.out.println("RESULT " + s.line());
        System.out.println(label + ":");
        System.out.print(s.table());
        if (o.containsKey("--out")) {
            Files.writeString(Path.of(o.get("--out")), s.line() + "\n");
        }
        System.exit(0); // publisher threads are daemons; do not wait for their clean close
    }

    /** Nearest rank over the publishers' worst lags. */
    private static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static void startWatchdog(long millis) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(millis);
                System.err.println("IngestTool: watchdog after " + millis + " ms, exiting");
                System.exit(3);
            } catch (InterruptedException ignored) {
                // exiting anyway
            }
        }, "ingest-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
