package dev.inlet.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.testing.ExternalProcess;
import dev.inlet.testing.Ffprobe;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One publisher, twenty simultaneous players: every player gets the whole picture and sound. */
class FanOutIT extends InteropTestBase {

    private static final int PLAYERS = 20;
    private static final int PUBLISH_SECONDS = 14;

    @Test
    void twentyPlayersOnOneStreamEachGetVideoAndAudio() {
        ExternalProcess publisher = start("ffmpeg-publish",
                RtmpClients.ffmpegPublish(server.publishUrl(), PUBLISH_SECONDS, "320x240"));
        List<ExternalProcess> players = new ArrayList<>();
        List<Path> recordings = new ArrayList<>();
        for (int i = 1; i <= PLAYERS; i++) {
            Path recording = file("player-" + i + ".flv");
            List<String> command = RtmpClients.ffmpegPlay(server.playUrl(), recording);
            recordings.add(recording);
            players.add(i == 1 ? startPlayerWhenLive("ffmpeg-play-1", command) : start("ffmpeg-play-" + i, command));
        }

        assertSucceeds(publisher);
        players.forEach(InteropTestBase::assertSucceeds);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < PLAYERS; i++) {
            Ffprobe.Probe probe = probe(recordings.get(i));
            // Players join within a few seconds on a busy machine; each must still get most of the stream.
            if (!probe.hasCodec("h264") || !probe.hasCodec("aac") || !(probe.mediaSeconds() >= 9.0)) {
                failures.add(probe + "\n" + players.get(i).describe());
            }
        }
        assertThat(failures).as("players whose recording lacks h264, aac or 9 s").isEmpty();
    }
}
