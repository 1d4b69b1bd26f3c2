package dev.inlet.bench;

import dev.inlet.srt.LibSrt;
import dev.inlet.srt.SrtLibrary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The SRT ingest benchmark's load: K live-mode SRT callers, each replaying the workload MPEG-TS file in real time
 * (paced by its PCRs, 1,316-byte messages), on a few pacing threads. The same tool feeds Inlet (one port, stream id
 * {@code #!::r=<key>,m=publish}) and the reference (stream i on port {@code --port + i}). Measures the server's CPU
 * per ingested Gbit over a window, its RSS above the idle server, and prints one {@code RESULT key=value} line
 * (also written to {@code --out}); see docs/benchmarks.md.
 */
public final class SrtIngestTool {

    private static final long SETTLE_MILLIS = 3000;
    private static final long IDLE_MILLIS = 3000;
    /** Longest a pacing thread sleeps, so a newly connected stream starts promptly. */
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private SrtIngestTool() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i], args[i + 1]);
        }
        for (String required : List.of("--port", "--keys", "--ts", "--server-pids")) {
            if (!o.containsKey(required)) {
                System.err.println("usage: SrtIngestTool --port P --keys FILE --ts FILE --server-pids PID[,PID]|@FILE"
                        + " [--port-step 0|1] [--seconds 20] [--threads 2] [--latency 120] [--clk-tck 100]"
                        + " [--label NAME] [--out FILE] [--jvm-server yes]");
                System.exit(2);
            }
        }
        int port = Integer.parseInt(o.get("--port"));
        int portStep = Integer.parseInt(o.getOrDefault("--port-step", "0"));
        List<String> keys = Files.readAllLines(Path.of(o.get("--keys"))).stream().filter(s -> !s.isBlank()).toList();
        int seconds = Integer.parseInt(o.getOrDefault("--seconds", "20"));
        int threads = Integer.parseInt(o.getOrDefault("--threads", "2"));
        int latency = Integer.parseInt(o.getOrDefault("--latency", "120"));
        String label = o.getOrDefault("--label", "server");
        long clkTck = Long.parseLong(o.getOrDefault("--clk-tck", "100"));
        List<Long> pids = parsePids(o.get("--server-pids"));
        ProcessStats server = new ProcessStats(pids, clkTck);
        ProcessStats self = new ProcessStats(List.of(ProcessHandle.current().pid()), clkTck);
        JvmHeap heap = "yes".equals(o.get("--jvm-server")) ? new JvmHeap(pids.get(0)) : null;
        TsPacing file = TsPacing.load(Path.of(o.get("--ts")));
        LibSrt srt = SrtLibrary.load().require();
        if (srt.srt_startup() < 0) {
            throw new IOException("srt_startup: " + srt.srt_getlasterror_str());
        }
        startWatchdog(SETTLE_MILLIS + seconds * 1000L + keys.size() * 2000L + 180_000);

        long heapIdleKb = heap == null ? -1 : heap.liveKilobytesAfterGc();
        long rssIdleKb = server.residentKilobytes();
        // what the idle server burns anyway (timers, pollers): part of every figure below, shown on its own
        double idleCpuStart = server.cpuSeconds();
        long idleStart = System.nanoTime();
        Thread.sleep(IDLE_MILLIS);
        double idleCpuPercent = 100 * (server.cpuSeconds() - idleCpuStart) / ((System.nanoTime() - idleStart) / 1e9);

        List<PacingThread> pacers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            PacingThread pacer = new PacingThread("srt-pacer-" + t);
            pacer.start();
            pacers.add(pacer);
        }
        // Each stream starts at its own place in the file (key frames spread out) and sends as soon as it is in.
        // the streams of one pacing thread send from one local port: one libsrt multiplexer per thread
        int[] localPorts = new int[threads];
        List<SrtSender> senders = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < keys.size(); i++) {
            int first = (int) ((long) i * file.messageCount() / keys.size());
            try {
                int group = i % threads;
                SrtSender sender = SrtSender.connect(srt, localPorts[group], port + i * portStep,
                        publishStreamId(keys.get(i)), latency, file, first, System.nanoTime());
                localPorts[group] = sender.localPort();
                senders.add(sender);
                pacers.get(group).add(sender);
            } catch (IOException e) {
                refused++;
                if (refused <= 3) {
                    System.err.println("stream " + i + " not connected: " + e.getMessage());
                }
            }
        }
        Thread.sleep(SETTLE_MILLIS);

        double cpuStart = server.cpuSeconds();
        double selfStart = self.cpuSeconds();
        long messagesStart = senders.stream().mapToLong(SrtSender::messagesSent).sum();
        long bytesStart = senders.stream().mapToLong(SrtSender::bytesSent).sum();
        long refusedStart = senders.stream().mapToLong(SrtSender::messagesRefused).sum();
        SenderTotals totalsStart = SenderTotals.of(senders);
        long totalsStartNanos = System.nanoTime();
        senders.forEach(SrtSender::resetLag);
        long windowStart = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        double cpuEnd = server.cpuSeconds();
        double selfEnd = self.cpuSeconds();
        long windowEnd = System.nanoTime();
        long messagesEnd = senders.stream().mapToLong(SrtSender::messagesSent).sum();
        long bytesEnd = senders.stream().mapToLong(SrtSender::bytesSent).sum();
        long refusedEnd = senders.stream().mapToLong(SrtSender::messagesRefused).sum();
        long rssKb = server.residentKilobytes();
        // drops and retransmissions of the window's last packets land just after it: counted a moment later
        Thread.sleep(latency * 3L);
        SenderTotals totalsEnd = SenderTotals.of(senders);
        double totalsSeconds = (System.nanoTime() - totalsStartNanos) / 1e9;
        double[] lags = senders.stream().mapToDouble(s -> s.maxLagNanos() / 1e6).sorted().toArray();
        long failed = senders.stream().filter(s -> s.failure() != null).count();
        senders.stream().map(SrtSender::failure).filter(f -> f != null).limit(3)
                .forEach(f -> System.err.println("stream failed: " + f));
        pacers.forEach(PacingThread::finish);
        long heapKb = heap == null ? -1 : heap.liveKilobytesAfterGc(); // after the window: no effect on its CPU

        IngestWindow window = new IngestWindow((windowEnd - windowStart) / 1e9, cpuEnd - cpuStart,
                bytesEnd - bytesStart - (totalsEnd.bytesDropped - totalsStart.bytesDropped),
                messagesEnd - messagesStart, Math.max(1, senders.size()));
        double expectedBytes = file.bitsPerSecond() / 8 * window.streams() * window.seconds();
        Summary s = new Summary()
                .put("server", label)
                .put("streams", senders.size())
                .put("streams_refused", refused)
                .put("streams_failed_during", failed)
                .put("window_s", window.seconds())
                .put("sent_messages", window.messages())
                .put("ingested_mbps", window.megabitsPerSecond())
                .put("ingested_fraction", window.bytes() / expectedBytes)
                .put("send_buffer_full_messages", refusedEnd - refusedStart)
                .put("sender_dropped_packets", totalsEnd.packetsDropped - totalsStart.packetsDropped)
                .put("retransmitted_packets", totalsEnd.packetsRetransmitted - totalsStart.packetsRetransmitted)
                // control traffic the server sends back (full ACKs every 10 ms, light ACKs, loss reports)
                .put("acks_per_s", (totalsEnd.acks - totalsStart.acks) / totalsSeconds)
                .put("naks_received", totalsEnd.naks - totalsStart.naks)
                .put("server_cpu_s", window.cpuSeconds())
                .put("server_cpu_pct", window.cpuPercent())
                .put("server_idle_cpu_pct", idleCpuPercent)
                .put("cpu_us_per_message", window.cpuMicrosPerMessage())
                .put("cpu_s_per_gbit", window.cpuSecondsPerGigabit())
                .put("cpu_s_per_gbit_above_idle", window.cpuSecondsPerGigabitAboveIdle(idleCpuPercent))
                .put("rss_idle_mb", rssIdleKb / 1024.0)
                .put("rss_mb", rssKb / 1024.0)
                .put("rss_per_stream_kb", window.perStream(rssKb - rssIdleKb))
                .put("heap_per_stream_kb", heap == null || heapIdleKb < 0 || heapKb < 0 ? Double.NaN
                        : window.perStream(heapKb - heapIdleKb))
                .put("send_lag_p99_ms", percentile(lags, 99))
                .put("send_lag_max_ms", lags.length == 0 ? Double.NaN : lags[lags.length - 1])
                .put("tool_cpu_pct", 100 * (selfEnd - selfStart) / window.seconds());
        System.out.println("RESULT " + s.line());
        System.out.println(label + ":");
        System.out.print(s.table());
        if (o.containsKey("--out")) {
            Files.writeString(Path.of(o.get("--out")), s.line() + "\n");
        }
        senders.forEach(SrtSender::close);
        System.exit(0);
    }

    /** What Inlet's SRT listener reads as a publish request for {@code key} (the SRT access-control syntax). */
    static String publishStreamId(String key) {
        return "#!::r=" + key + ",m=publish";
    }

    static List<Long> parsePids(String spec) throws IOException {
        String list = spec.startsWith("@") ? Files.readString(Path.of(spec.substring(1))) : spec;
        return Arrays.stream(list.split("[,\\s]+")).filter(p -> !p.isBlank()).map(Long::parseLong).toList();
    }

    /** Nearest rank. */
    private static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** The senders' libsrt totals, summed. */
    private record SenderTotals(long packetsDropped, long bytesDropped, long packetsRetransmitted, long acks,
                                long naks) {
        static SenderTotals of(List<SrtSender> senders) throws IOException {
            long packets = 0;
            long bytes = 0;
            long retransmitted = 0;
            long acks = 0;
            long naks = 0;
            for (SrtSender sender : senders) {
                if (sender.failure() != null) {
                    continue;
                }
                SrtSender.Totals totals = sender.totals();
                packets += totals.packetsDropped();
                bytes += totals.bytesDropped();
                retransmitted += totals.packetsRetransmitted();
                acks += totals.acksReceived();
                naks += totals.naksReceived();
            }
            return new SenderTotals(packets, bytes, retransmitted, acks, naks);
        }
    }

    /** Sends every due message of its streams, then sleeps until the next one is due. */
    private static final class PacingThread extends Thread {
        private final Queue<SrtSender> incoming = new ConcurrentLinkedQueue<>();
        private final List<SrtSender> senders = new ArrayList<>();
        private volatile boolean running = true;

        PacingThread(String name) {
            super(name);
            setDaemon(true);
        }

        void add(SrtSender sender) {
            incoming.add(sender);
        }

        void finish() {
            running = false;
            try {
                join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void run() {
            while (running) {
                for (SrtSender added; (added = incoming.poll()) != null; ) {
                    senders.add(added);
                }
                long now = System.nanoTime();
                long nextDue = now + MAX_PARK_NANOS;
                for (SrtSender sender : senders) {
                    if (sender.sendDue(now)) {
                        nextDue = Math.min(nextDue, sender.nextDueNanos());
                    }
                }
                long sleep = nextDue - System.nanoTime();
                if (sleep > 0) {
                    LockSupport.parkNanos(sleep);
                }
            }
        }
    }

    private static void startWatchdog(long millis) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(millis);
                System.err.println("SrtIngestTool: watchdog after " + millis + " ms, exiting");
                System.exit(3);
            } catch (InterruptedException ignored) {
                // exiting anyway
            }
        }, "srt-ingest-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
