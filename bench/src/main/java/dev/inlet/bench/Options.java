package dev.inlet.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The load tool's command line: {@code --name value} pairs. Loopback only. */
record Options(int port, String app, String publishName, String playName, Path flv, int players, int rampPerSecond,
               int seconds, List<Long> serverPids, long clockTicks, String label, Path out, boolean jvmServer,
               boolean measureFromJoin, int streams, Path streamsFile, int warmupCrowds, int settleSeconds) {

    private static final Set<String> KNOWN = Set.of("--port", "--app", "--publish", "--play", "--flv", "--players",
            "--ramp", "--seconds", "--server-pids", "--clk-tck", "--label", "--out", "--jvm-server",
            "--measure-from", "--streams", "--streams-file", "--warmup-crowds", "--settle");

    static final String HOST = "127.0.0.1";

    static Options parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!KNOWN.contains(args[i]) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + args[i] + "\n" + usage());
            }
            values.put(args[i], args[i + 1]);
        }
        for (String required : List.of("--port", "--publish", "--play", "--flv", "--server-pids")) {
            if (!values.containsKey(required)) {
                throw new IllegalArgumentException("missing " + required + "\n" + usage());
            }
        }
        List<Long> pids = new ArrayList<>();
        for (String pid : values.get("--server-pids").split(",")) {
            pids.add(Long.parseLong(pid.trim()));
        }
        int players = Integer.parseInt(values.getOrDefault("--players", "300"));
        int seconds = Integer.parseInt(values.getOrDefault("--seconds", "30"));
        int ramp = Integer.parseInt(values.getOrDefault("--ramp", "50"));
        if (players < 1 || players > 5000 || seconds < 1 || seconds > 3600 || ramp < 1 || ramp > 1000) {
            throw new IllegalArgumentException("players 1..5000, seconds 1..3600, ramp 1..1000 per second");
        }
        String measureFrom = values.getOrDefault("--measure-from", "settle");
        if (!measureFrom.equals("settle") && !measureFrom.equals("join")) {
            throw new IllegalArgumentException("--measure-from settle|join");
        }
        int streams = Integer.parseInt(values.getOrDefault("--streams", "1"));
        if (streams < 1 || streams > 1000 || (streams > 1 && !values.containsKey("--streams-file"))) {
            throw new IllegalArgumentException("--streams 1..1000; more than one needs --streams-file");
        }
        int warmupCrowds = Integer.parseInt(values.getOrDefault("--warmup-crowds", "0"));
        if (warmupCrowds < 0 || warmupCrowds > 10 || (warmupCrowds > 0 && streams > 1)) {
            throw new IllegalArgumentException("--warmup-crowds 0..10, with one stream");
        }
        // Seconds between every player's first keyframe and the window (settle runs only): 2 by default; a longer one
        // lets a JVM server compile its paths first (bench/many-streams.sh).
        int settleSeconds = Integer.parseInt(values.getOrDefault("--settle", "2"));
        if (settleSeconds < 0 || settleSeconds > 600) {
            throw new IllegalArgumentException("--settle 0..600 seconds");
        }
        return new Options(Integer.parseInt(values.get("--port")), values.getOrDefault("--app", "live"),
                values.get("--publish"), values.get("--play"), Path.of(values.get("--flv")), players, ramp, seconds,
                pids, Long.parseLong(values.getOrDefault("--clk-tck", "100")), values.getOrDefault("--label", "server"),
                values.containsKey("--out") ? Path.of(values.get("--out")) : null,
                "yes".equals(values.get("--jvm-server")), measureFrom.equals("join"), streams,
                values.containsKey("--streams-file") ? Path.of(values.get("--streams-file")) : null, warmupCrowds,
                settleSeconds);
    }

    static String usage() {
        return "usage: LoadTool --port P --publish NAME --play NAME --flv FILE --server-pids PID[,PID...]"
                + " [--app live] [--players 300] [--ramp 50] [--seconds 30] [--clk-tck 100] [--label NAME] [--out FILE] [--jvm-server yes]"
                + " [--measure-from settle|join] [--streams N --streams-file FILE (lines: play-name publish-name)]"
                + " [--warmup-crowds 0] [--settle 2]";
    }
}
