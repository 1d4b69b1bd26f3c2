package dev.inlet.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks ffprobe what a media file really contains.
 *
 * <p>It uses ffprobe's flat {@code key=value} output rather than JSON, so that no JSON library is needed and
 * a change in ffprobe's pretty-printing cannot break the parsing.
 */
public final class Ffprobe {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Ffprobe() {
    }

    /**
     * What ffprobe found: one codec name per stream, in stream order; the duration the container claims (for a
     * live FLV that is whatever the onMetaData said, often 0); and the span of the packet timestamps actually in
     * the file, which is what a test of a live stream should trust.
     */
    public record Probe(Path file, List<String> codecNames, double durationSeconds, double mediaSeconds,
            int packets, int exitCode, String output) {

        public boolean hasCodec(String codecName) {
            return codecNames.contains(codecName);
        }

        @Override
        public String toString() {
            return file + ": codecs " + codecNames + ", container duration " + durationSeconds
                    + " s, packets spanning " + mediaSeconds + " s (" + packets + " packets), ffprobe exit " + exitCode
                    + (output.isBlank() ? "" : "\n" + output);
        }
    }

    /**
     * Probes {@code file}; ffprobe's own logs go to {@code logDir}. Never throws for a bad file: the result then
     * has no codecs, a NaN duration and ffprobe's error text, which reads well in an assertion message.
     */
    public static Probe probe(Path file, Path logDir) {
        if (!Files.isRegularFile(file)) {
            return new Probe(file, List.of(), Double.NaN, Double.NaN, 0, -1, "no such file");
        }
        ExternalProcess ffprobe = ExternalProcess.run("ffprobe-" + file.getFileName(), logDir, TIMEOUT, List.of(
                "ffprobe", "-v", "error",
                "-show_entries", "stream=index,codec_type,codec_name:format=format_name,duration:packet=pts_time",
                "-of", "default=noprint_wrappers=1",
                file.toString()));
        String output = ffprobe.stdout();
        List<String> codecs = new ArrayList<>();
        double duration = Double.NaN;
        double firstPts = Double.POSITIVE_INFINITY;
        double lastPts = Double.NEGATIVE_INFINITY;
        int packets = 0;
        StringBuilder summary = new StringBuilder();
        for (String line : output.split("\r?\n")) {
            int equals = line.indexOf('=');
            if (equals < 0) {
                continue;
            }
            String key = line.substring(0, equals).trim();
            String value = line.substring(equals + 1).trim();
            if (key.equals("pts_time")) {
                double pts = parseSeconds(value);
                if (!Double.isNaN(pts)) {
                    packets++;
                    firstPts = Math.min(firstPts, pts);
                    lastPts = Math.max(lastPts, pts);
                }
                continue;
            }
            summary.append(line).append('\n');
            if (key.equals("codec_name")) {
                codecs.add(value);
            } else if (key.equals("duration")) {
                duration = parseSeconds(value);
            }
        }
        double span = packets == 0 ? Double.NaN : lastPts - firstPts;
        String diagnostics = summary.toString().strip()
                + (ffprobe.stderr().isBlank() ? "" : "\n" + ffprobe.stderrTail(10));
        return new Probe(file, List.copyOf(codecs), duration, span, packets, ffprobe.exitCode(), diagnostics);
    }

    /** ffprobe prints "N/A" when it cannot tell. */
    private static double parseSeconds(String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
