package dev.inlet.interop.enhanced;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.inlet.media.FlvFileWriter;
import dev.inlet.media.TrackInfo;
import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.RtmpMessage;
import dev.inlet.rtmp.client.RtmpClient;
import dev.inlet.rtmp.command.NetStatus;
import dev.inlet.rtmp.session.ConnectRequest;
import dev.inlet.testing.ExternalProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Enhanced RTMP v2 multitrack from a real encoder: ffmpeg 8.1 publishes two video tracks (320x240 default, 160x120)
 * and two audio tracks over RTMP. A player that never negotiated multitrack (ffmpeg 7.1, whose RTMP client sends no
 * {@code capsEx}) records the default tracks only; a player that did ({@code capsEx} 0x02: ffmpeg 8.1's RTMP client
 * cannot say so, so the project's own client, writing what it receives to an FLV file) records all four. ffprobe 8.1
 * reads both recordings.
 */
class MultitrackIT extends EnhancedInteropBase {

    private static final Duration PLAY_FOR = Duration.ofSeconds(5);

    @Test
    void aMultitrackPlayerGetsEveryTrackAndASingleTrackPlayerTheDefaultOnes() throws Exception {
        ExternalProcess publisher = start("ffmpeg81-publish-multitrack", publishCommand());
        List<TrackInfo> panel = awaitTracks(tracks -> tracks.size() == 4 && tracks.stream()
                .allMatch(track -> track.type() == TrackInfo.Type.AUDIO || track.width() > 0), Duration.ofSeconds(30));
        assertThat(panel).as("the track panel, from ffmpeg 8.1's messages (%s)", publisher.describe())
                .extracting(TrackInfo::type, TrackInfo::trackId, TrackInfo::width, TrackInfo::height)
                .containsExactly(
                        tuple(TrackInfo.Type.VIDEO, 0, 320, 240),
                        tuple(TrackInfo.Type.VIDEO, 1, 160, 120),
                        tuple(TrackInfo.Type.AUDIO, 0, 0, 0),
                        tuple(TrackInfo.Type.AUDIO, 1, 0, 0));

        Path singleTrack = file("single-track.flv");
        ExternalProcess legacyPlayer = playWhenLive(singleTrack);
        Path multitrack = file("multitrack.flv");
        int messages = recordAsMultitrackPlayer(multitrack);
        assertSucceeds(publisher);
        assertSucceeds(legacyPlayer);

        assertThat(messages).as("media messages the multitrack player received").isGreaterThan(100);
        assertThat(streams81(multitrack)).as("ffprobe 8.1 of what the multitrack player got")
                .containsExactlyInAnyOrder("h264,video,320,240", "h264,video,160,120", "aac,audio", "aac,audio");
        assertThat(streams81(singleTrack)).as("ffprobe 8.1 of what the single-track player got")
                .containsExactlyInAnyOrder("h264,video,320,240", "aac,audio");
    }

    /** ffmpeg 8.1 encoding four tracks in real time and publishing them as multitrack FLV over RTMP. */
    private List<String> publishCommand() {
        List<String> command = concat(Ffmpeg81.ffmpeg(), "-hide_banner", "-nostdin", "-loglevel", "info", "-re",
                "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25",
                "-f", "lavfi", "-i", "testsrc=size=160x120:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
                "-f", "lavfi", "-i", "sine=frequency=880:sample_rate=44100",
                "-t", "10", "-map", "0", "-map", "1", "-map", "2", "-map", "3",
                "-c:v", "libx264", "-preset", "veryfast", "-g", "25", "-pix_fmt", "yuv420p", "-c:a", "aac",
                "-f", "flv", "-rw_timeout", "5000000", publishUrl());
        return command;
    }

    /** Plays with {@code capsEx} = multitrack and writes every audio, video and metadata message to {@code flv}. */
    private int recordAsMultitrackPlayer(Path flv) throws IOException, InterruptedException {
        AtomicInteger media = new AtomicInteger();
        try (FlvFileWriter writer = new FlvFileWriter(flv, true, true)) {
            RtmpClient player = RtmpClient.connect("127.0.0.1", server.boundPort(), "live", Duration.ofSeconds(10),
                    message -> write(writer, message, media),
                    Map.of("capsEx", (double) ConnectRequest.CAPS_EX_MULTITRACK, "fourCcList", List.of("*")));
            try {
                assertThat(player.play(player.createStream(), STREAM).code()).isEqualTo(NetStatus.PLAY_START);
                Thread.sleep(PLAY_FOR.toMillis());
            } finally {
                player.close();
                player.awaitServerClose(Duration.ofSeconds(5)); // the reader has stopped: nothing more is written
            }
        }
        return media.get();
    }

    private static void write(FlvFileWriter writer, RtmpMessage message, AtomicInteger media) {
        boolean audioOrVideo = message.typeId() == MessageTypes.AUDIO || message.typeId() == MessageTypes.VIDEO;
        if (!audioOrVideo && message.typeId() != MessageTypes.DATA_AMF0) {
            return;
        }
        try {
            writer.writeTag(message.typeId(), message.timestamp(), message.payload());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (audioOrVideo) {
            media.incrementAndGet();
        }
    }

    /** ffprobe 8.1: {@code codec_name,codec_type[,width,height]} of every stream of a file. */
    private List<String> streams81(Path media) {
        ExternalProcess probe = ExternalProcess.run("ffprobe81-" + media.getFileName(), workDir, Duration.ofSeconds(60),
                concat(Ffmpeg81.ffprobe(), "-v", "error", "-show_entries", "stream=codec_type,codec_name,width,height",
                        "-of", "csv=p=0", media.toString()));
        assertThat(probe.exitCode()).as("ffprobe 8.1 of %s: %s", media, probe.describe()).isZero();
        return probe.stdout().lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }
}
