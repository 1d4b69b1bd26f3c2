package dev.inlet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** CPU time and resident memory of the server's processes, from /proc (Linux only). */
final class ProcessStats {

    private final List<Long> pids;
    private final long clockTicksPerSecond;

    ProcessStats(List<Long> pids, long clockTicksPerSecond) {
        this.pids = List.copyOf(pids);
        this.clockTicksPerSecond = clockTicksPerSecond;
    }

    /** User plus system CPU seconds consumed so far, summed over the processes. */
    double cpuSeconds() throws IOException {
        long ticks = 0;
        for (long pid : pids) {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) may contain spaces: count fields after its closing parenthesis
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime (14), stime (15)
        }
        return ticks / (double) clockTicksPerSecond;
    }

    /** Resident set size in kilobytes, summed over the processes. */
    long residentKilobytes() throws IOException {
        long total = 0;
        for (long pid : pids) {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    total += Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                }
            }
        }
        return total;
    }

    boolean allAlive() {
        return pids.stream().allMatch(pid -> Files.exists(Path.of("/proc", Long.toString(pid))));
    }
}
