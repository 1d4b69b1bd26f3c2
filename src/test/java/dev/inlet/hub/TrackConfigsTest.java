package dev.inlet.hub;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** Bodies are laid out as in the Enhanced RTMP specification ('avc1' video). */
class TrackConfigsTest {

    private final TrackConfigs configs = new TrackConfigs();

    @Test
    void aSingleTrackHeaderConfiguresTheDefaultTrackAndANewerOneReplacesIt() {
        MediaFrame first = MediaFrame.video(0, hex("90 61766331 01640000"), false, true);
        MediaFrame second = MediaFrame.video(5000, hex("90 61766331 01640001"), false, true);

        configs.remember(first);
        configs.remember(second);

        assertThat(configs.frames()).containsExactly(second);
    }

    @Test
    void aManyTracksHeaderIsListedOnceAndOnlyTheTracksANewerHeaderCarriesAreReplaced() {
        // ManyTracks, one codec: track 1 and track 2 configured by one message
        MediaFrame both = multitrack("96 10 61766331 01 000004 01640011 02 000004 01640022");
        MediaFrame newerTrack2 = multitrack("96 00 61766331 02 01640023");
        MediaFrame defaultTrack = MediaFrame.video(0, hex("90 61766331 01640000"), false, true);

        configs.remember(defaultTrack);
        configs.remember(both);
        assertThat(configs.frames()).containsExactly(defaultTrack, both);

        configs.remember(newerTrack2);
        assertThat(configs.frames()).as("track 1 still comes from the first message, track 2 from the newer")
                .containsExactly(defaultTrack, both, newerTrack2);
    }

    private static MediaFrame multitrack(String body) {
        return MediaFrame.parse(MediaFrame.Kind.VIDEO.tagType, hex(body), 0);
    }

    private static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }
}
