package dev.inlet.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * An Enhanced RTMP v2 multitrack stream through the hub: a joining player that negotiated multitrack gets the
 * sequence headers of every track, one that did not gets the default track's, and only the default track decides
 * where the cached GOP starts. Bodies are laid out as in the specification ('avc1' video, 'mp4a' audio).
 */
class StreamHubMultitrackTest {

    /** The set-up reaches joiners re-stamped (at the time of the first frame after it): the same bytes, a new frame. */
    private static final java.util.Comparator<MediaFrame> SAME_BYTES =
            (a, b) -> a.body() == b.body() && a.multitrackBody() == b.multitrackBody() ? 0 : 1;

    private final StreamHub hub = new StreamHub("multi", 1_000_000);

    // Default track as single-track messages (what ffmpeg writes for track 0): enhanced SequenceStart, coded key frame.
    private final MediaFrame videoConfig0 = MediaFrame.video(0, hex("90 61766331 01640000"), false, true);
    private final MediaFrame audioConfig0 = MediaFrame.audio(0, hex("90 6D703461 1210"), true);
    // Other tracks as OneTrack multitrack messages.
    private final MediaFrame videoConfig1 = videoOnly(0, "96 00 61766331 01 01640011", false, true);
    private final MediaFrame videoConfig2 = videoOnly(0, "96 00 61766331 02 01640022", false, true);
    private final MediaFrame audioConfig1 = audioOnly(0, "95 00 6D703461 01 1190", true);

    @Test
    void aMultitrackJoinerGetsTheSequenceHeadersOfEveryTrackAndASingleTrackJoinerTheDefaultOnes() {
        MediaFrame metadata = MediaFrame.metadata(0, new byte[]{2});
        hub.publish(metadata);
        for (MediaFrame config : List.of(videoConfig0, videoConfig1, audioConfig0, videoConfig2, audioConfig1)) {
            hub.publish(config);
        }
        MediaFrame key0 = MediaFrame.video(0, hex("91 61766331 000000 AA"), true, false);
        MediaFrame key1 = videoOnly(0, "96 01 61766331 01 000000 BB", true, false);
        hub.publish(key0);
        hub.publish(key1);

        Player multitrack = new Player(true);
        Player singleTrack = new Player(false);
        hub.subscribe(multitrack);
        hub.subscribe(singleTrack);

        assertThat(multitrack.bodies).containsExactly(metadata.body(), videoConfig0.body(),
                videoConfig1.multitrackBody(), videoConfig2.multitrackBody(), audioConfig0.body(),
                audioConfig1.multitrackBody(), key0.body(), key1.multitrackBody());
        assertThat(singleTrack.bodies).containsExactly(metadata.body(), videoConfig0.body(), audioConfig0.body(),
                key0.body());
    }

    @Test
    void aSequenceHeaderOfOtherTracksNeverReplacesTheDefaultTracksForSingleTrackPlayers() {
        hub.publish(videoConfig0);
        hub.publish(videoConfig1);
        hub.publish(audioConfig0);
        hub.publish(audioConfig1);

        assertThat(hub.catchUpFrames()).filteredOn(frame -> frame.body() != null)
                .containsExactly(videoConfig0, audioConfig0);
    }

    @Test
    void eachTrackIsReplayedWithItsLatestSequenceHeaderAfterOlderOnes() {
        // One message configures tracks 0 and 1, then track 1 alone is configured again: the older message must go
        // first so that track 1 ends up with its new configuration.
        MediaFrame tracks0And1 = video(0, "96 10 61766331 00 000004 01640000 01 000004 01640011");
        MediaFrame newTrack1 = videoOnly(500, "96 00 61766331 01 016400AA", false, true);
        hub.publish(tracks0And1);
        hub.publish(newTrack1);
        assertThat(hub.catchUpFrames()).usingElementComparator(SAME_BYTES).containsExactly(tracks0And1, newTrack1);

        // Then the default track alone: the message of both tracks is still the latest for none, so it goes.
        MediaFrame newTrack0 = MediaFrame.video(900, hex("90 61766331 016400BB"), false, true);
        hub.publish(newTrack0);
        assertThat(hub.catchUpFrames()).usingElementComparator(SAME_BYTES).containsExactly(newTrack1, newTrack0);

        // A re-sent configuration of the same track replaces its earlier one instead of adding to it.
        MediaFrame newerTrack1 = videoOnly(1000, "96 00 61766331 01 016400CC", false, true);
        hub.publish(newerTrack1);
        assertThat(hub.catchUpFrames()).usingElementComparator(SAME_BYTES).containsExactly(newTrack0, newerTrack1);
    }

    @Test
    void framesOfOtherTracksNeitherStartNorRestartTheCachedGop() {
        hub.publish(videoConfig0);
        hub.publish(videoConfig1);
        MediaFrame earlyKey1 = videoOnly(0, "96 01 61766331 01 000000 B0", true, false);
        hub.publish(earlyKey1); // before any key frame of the default track: a single-track player cannot start here
        MediaFrame key0 = MediaFrame.video(40, hex("91 61766331 000000 A1"), true, false);
        MediaFrame key1 = videoOnly(40, "96 01 61766331 01 000000 B1", true, false);
        MediaFrame inter0 = MediaFrame.video(80, hex("A1 61766331 000000 A2"), false, false);
        hub.publish(key0);
        hub.publish(key1);
        hub.publish(inter0);

        assertThat(hub.catchUpFrames()).usingElementComparator(SAME_BYTES).containsExactly(videoConfig0, videoConfig1, key0, key1, inter0);
        assertThat(earlyKey1.keyframe()).isFalse();
    }

    @Test
    void liveFramesOfEveryTrackReachAMultitrackPlayerAndOnlyTheDefaultTrackASingleTrackPlayer() {
        hub.publish(videoConfig0);
        hub.publish(MediaFrame.video(0, hex("91 61766331 000000 A1"), true, false));
        Player multitrack = new Player(true);
        Player singleTrack = new Player(false);
        hub.subscribe(multitrack);
        hub.subscribe(singleTrack);
        // ManyTracks key frame of tracks 0 and 1: track 1 starts here for the multitrack player
        MediaFrame both = video(40, "96 11 61766331 00 000004 000000A2 01 000004 000000B2");
        MediaFrame track1 = videoOnly(80, "A6 01 61766331 01 000000 B3", false, false);
        hub.publish(both);
        hub.publish(track1);

        assertThat(multitrack.bodies.subList(2, multitrack.bodies.size()))
                .containsExactly(both.multitrackBody(), track1.multitrackBody());
        assertThat(singleTrack.bodies.subList(2, singleTrack.bodies.size())).containsExactly(both.body());
        assertThat(hub.stats().bytesIn()).as("counted as the publisher sent them")
                .isEqualTo(videoConfig0.size() + 9 + both.size() + track1.size());
    }

    @Test
    void aMultitrackJoinerGetsAnotherTrackOnlyFromThatTracksKeyFrameOnInTheCachedGop() {
        hub.publish(videoConfig0);
        hub.publish(videoConfig1);
        MediaFrame key0 = MediaFrame.video(0, hex("91 61766331 000000 A0"), true, false);
        MediaFrame delta1 = videoOnly(0, "A6 01 61766331 01 000000 B0", false, false);
        MediaFrame delta0 = MediaFrame.video(40, hex("A1 61766331 000000 A1"), false, false);
        MediaFrame key1 = videoOnly(40, "96 01 61766331 01 000000 B1", true, false);
        MediaFrame delta1After = videoOnly(80, "A6 01 61766331 01 000000 B2", false, false);
        for (MediaFrame frame : List.of(key0, delta1, delta0, key1, delta1After)) {
            hub.publish(frame);
        }

        Player multitrack = new Player(true);
        hub.subscribe(multitrack);

        assertThat(multitrack.bodies).as("track 1's frame before its key frame is held back")
                .containsExactly(videoConfig0.body(), videoConfig1.multitrackBody(), key0.body(), delta0.body(),
                        key1.multitrackBody(), delta1After.multitrackBody());
    }

    @Test
    void aLiveTrackWithoutAKeyFrameInTheCacheStartsForAMultitrackJoinerAtItsNextKeyFrame() {
        hub.publish(videoConfig0);
        hub.publish(videoConfig1);
        MediaFrame key0 = MediaFrame.video(0, hex("91 61766331 000000 A0"), true, false);
        hub.publish(key0);
        Player multitrack = new Player(true);
        Player singleTrack = new Player(false);
        hub.subscribe(multitrack);
        hub.subscribe(singleTrack);

        MediaFrame delta1 = videoOnly(40, "A6 01 61766331 01 000000 B0", false, false);
        MediaFrame key1 = videoOnly(80, "96 01 61766331 01 000000 B1", true, false);
        MediaFrame delta1After = videoOnly(120, "A6 01 61766331 01 000000 B2", false, false);
        hub.publish(delta1);
        hub.publish(key1);
        hub.publish(delta1After);

        assertThat(multitrack.bodies).containsExactly(videoConfig0.body(), videoConfig1.multitrackBody(), key0.body(),
                key1.multitrackBody(), delta1After.multitrackBody());
        assertThat(singleTrack.bodies).containsExactly(videoConfig0.body(), key0.body());
        assertThat(hub.stats().framesSkipped()).as("held back for a track is not back-pressure").isZero();
    }

    /** A multitrack message as the ingest makes it: parsed once, with the flags its header gives. */
    private static MediaFrame video(long timestamp, String body) {
        return MediaFrame.parse(MediaFrame.Kind.VIDEO.tagType, hex(body), timestamp);
    }

    private static MediaFrame videoOnly(long timestamp, String multitrackBody, boolean keyframe, boolean config) {
        MediaFrame frame = video(timestamp, multitrackBody);
        assertThat(frame.body()).as("carries no default track").isNull();
        assertThat(frame.messageKeyframe()).isEqualTo(keyframe);
        assertThat(frame.config()).isEqualTo(config);
        return frame;
    }

    private static MediaFrame audioOnly(long timestamp, String multitrackBody, boolean config) {
        MediaFrame frame = MediaFrame.parse(MediaFrame.Kind.AUDIO.tagType, hex(multitrackBody), timestamp);
        assertThat(frame.config()).isEqualTo(config);
        return frame;
    }

    private static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    /** What a player of each kind would write: the body it gets, frames without one skipped. */
    private static final class Player implements Subscriber {
        private final boolean multitrack;
        final List<byte[]> bodies = new ArrayList<>();

        Player(boolean multitrack) {
            this.multitrack = multitrack;
        }

        @Override
        public boolean multitrack() {
            return multitrack;
        }

        @Override
        public boolean onFrame(MediaFrame frame) {
            byte[] body = frame.bodyFor(multitrack);
            if (body != null) {
                bodies.add(body);
            }
            return true;
        }

        @Override
        public void onEnd(String reason) {
            Objects.requireNonNull(reason);
        }
    }
}
