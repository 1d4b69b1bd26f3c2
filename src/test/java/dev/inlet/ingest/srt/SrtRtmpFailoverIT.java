package dev.inlet.ingest.srt;

import dev.inlet.core.StreamKeys;
import dev.inlet.testing.ExternalProcess;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Failover across protocols: one stream with two keys, an SRT input and an RTMP input, different pictures
 * (320x240 and 640x360) so that the recording shows whose frames it holds. The primary encoder is killed; the RTMP
 * player of the stream goes on with the backup at its next keyframe, and its recording is one continuous timeline
 * (no gap over 1 s between packets) holding pictures of both encoders. Both ways: SRT primary with an RTMP backup,
 * and RTMP primary with an SRT backup.
 */
class SrtRtmpFailoverIT extends SrtInteropBase {

    private static final String SHOW = "show";
    private static final Pattern FRAME_SIZE = Pattern.compile(" s:(\\d+x\\d+) ");
    /** Beyond libsrt's 5 s peer idle timeout: a killed SRT caller is only noticed after it. */
    private static final int PLAYER_RW_TIMEOUT_MICROS = 15_000_000;

    private final String priority1Key = StreamKeys.generate();
    private final String priority2Key = StreamKeys.generate();

    @Override
    void registerStreams() {
        registry.register(SHOW, 1, priority1Key);
        registry.register(SHOW, 2, priority2Key);
    }

    @Test
    void anRtmpBackupTakesOverWhenTheSrtPrimaryIsKilled() throws Exception {
        ExternalProcess primary = start("srt-primary", ffmpegTsPublish(
                srtUrl(srt.port(), "publish:" + priority1Key, 120_000), 30, "320x240", "testsrc2"));
        ExternalProcess backup = start("rtmp-backup", rtmpPublish(priority2Key, "640x360", "smptebars"));
        failOverAndCheck(primary, backup);
    }

    @Test
    void anSrtBackupTakesOverWhenTheRtmpPrimaryIsKilled() throws Exception {
        ExternalProcess primary = start("rtmp-primary", rtmpPublish(priority1Key, "320x240", "testsrc2"));
        ExternalProcess backup = start("srt-backup", ffmpegTsPublish(
                srtUrl(srt.port(), "publish:" + priority2Key, 120_000), 30, "640x360", "smptebars"));
        failOverAndCheck(primary, backup);
    }

    private void failOverAndCheck(ExternalProcess primary, ExternalProcess backup) throws Exception {
        awaitCondition("both inputs live; " + primary.describe() + "\n" + backup.describe(),
                () -> server.streamStatus(SHOW).liveInputs().equals(List.of(1, 2)));
        Path recording = file("rtmp-player.flv");
        ExternalProcess player = start("rtmp-player", rtmpRecorder(SHOW, 10, recording, PLAYER_RW_TIMEOUT_MICROS));
        awaitCondition("the player records; " + player.describe(),
                () -> Files.exists(recording) && Files.size(recording) > 50_000);
        Thread.sleep(2_000); // the primary's part of the recording

        primary.close(); // killed: no unpublish, no SRT shutdown
        awaitCondition("the backup is active; " + server.streamStatus(SHOW),
                () -> server.streamStatus(SHOW).activePriority() == 2);
        assertSucceeds(player);
        assertThat(backup.isAlive()).as("the backup encoder was never disturbed: %s", backup.describe()).isTrue();

        assertThat(server.streamStatus(SHOW).switches())
                .extracting(s -> s.fromPriority() + "->" + s.toPriority())
                .contains("1->2");
        assertHasVideoAndAudio(recording, 8.0, primary, backup, player);
        assertThat(largestPacketGapSeconds(recording)).as("largest gap between packets of %s", recording)
                .isLessThanOrEqualTo(1.0);
        assertThat(pictureSizes(recording)).as("pictures of both encoders").contains("320x240", "640x360");
    }

    private List<String> rtmpPublish(String publishKey, String size, String pattern) {
        return List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "info", "-re",
                "-f", "lavfi", "-i", pattern + "=size=" + size + ":rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", "30",
                "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-pix_fmt", "yuv420p", "-g", "25",
                "-c:a", "aac", "-b:a", "64k", "-f", "flv", "-rw_timeout", "5000000",
                "rtmp://127.0.0.1:" + server.boundPort() + "/live/" + publishKey);
    }

    /** The largest step between consecutive packet timestamps of any one stream of the file. */
    private double largestPacketGapSeconds(Path media) {
        ExternalProcess probe = ExternalProcess.run("ffprobe-packets", workDir, CLIENT_TIMEOUT, List.of("ffprobe",
                "-v", "error", "-show_entries", "packet=stream_index,pts_time", "-of", "csv=p=0", media.toString()));
        assertThat(probe.exitCode()).as(probe.describe()).isZero();
        List<List<Double>> streams = new ArrayList<>();
        for (String line : probe.stdout().split("\r?\n")) {
            String[] fields = line.split(",");
            if (fields.length < 2 || fields[1].equals("N/A")) {
                continue;
            }
            int index = Integer.parseInt(fields[0].trim());
            while (streams.size() <= index) {
                streams.add(new ArrayList<>());
            }
            streams.get(index).add(Double.parseDouble(fields[1].trim()));
        }
        assertThat(streams).as("packets in %s", media).hasSizeGreaterThanOrEqualTo(2);
        double largest = 0;
        for (List<Double> pts : streams) {
            List<Double> sorted = pts.stream().sorted().toList(); // video pts come in decode order
            for (int i = 1; i < sorted.size(); i++) {
                largest = Math.max(largest, sorted.get(i) - sorted.get(i - 1));
            }
        }
        return largest;
    }

    private Set<String> pictureSizes(Path media) {
        ExternalProcess decode = ExternalProcess.run("decode-showinfo", workDir, CLIENT_TIMEOUT, List.of("ffmpeg",
                "-hide_banner", "-nostdin", "-v", "info", "-i", media.toString(), "-vf", "showinfo", "-f", "null",
                "-"));
        assertThat(decode.exitCode()).as(decode.describe()).isZero();
        Set<String> sizes = new TreeSet<>();
        Matcher seen = FRAME_SIZE.matcher(decode.stderr());
        while (seen.find()) {
            sizes.add(seen.group(1));
        }
        return sizes;
    }

    private static void awaitCondition(String what, java.util.concurrent.Callable<Boolean> condition) {
        await().alias(what).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(condition);
    }
}
