package dev.inlet.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.media.FlvAudioTag;
import dev.inlet.media.FlvVideoTag;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Which body each kind of player gets from a publisher's message, laid out as in the Enhanced RTMP v2 specification. */
class MediaFrameParseTest {

    private static final int VIDEO = MediaFrame.Kind.VIDEO.tagType;
    private static final int AUDIO = MediaFrame.Kind.AUDIO.tagType;

    // ex | key | Multitrack(6); ManyTracks(1) | CodedFrames(1); 'avc1'; track 0: size 5 (cts 0 + AABB), track 1: size 4 (cts 0 + CC)
    static final byte[] KEY_TRACKS_0_AND_1 = hex("96 11 61766331 00 000005 000000AABB 01 000004 000000CC");
    // ex | key | Multitrack(6); OneTrack(0) | CodedFrames(1); 'avc1'; track 1: cts 0 + DD
    static final byte[] KEY_TRACK_1 = hex("96 01 61766331 01 000000DD");
    // ex | key | Multitrack(6); OneTrack(0) | SequenceStart(0); 'avc1'; track 1: configuration 01 64 00 1F
    static final byte[] CONFIG_TRACK_1 = hex("96 00 61766331 01 0164001F");
    // ex (9) | Multitrack(5); OneTrack(0) | SequenceStart(0); 'mp4a'; track 1: AudioSpecificConfig 12 10
    static final byte[] AUDIO_CONFIG_TRACK_1 = hex("95 00 6D703461 01 1210");
    // ex (9) | Multitrack(5); ManyTracks(1) | CodedFrames(1); 'mp4a'; track 0: size 1 (A0), track 1: size 2 (A1A1)
    static final byte[] AUDIO_TRACKS_0_AND_1 = hex("95 11 6D703461 00 000001 A0 01 000002 A1A1");

    @Test
    void aSingleTrackMessageIsOneBodyForEveryPlayer() {
        byte[] legacyKey = hex("17 01 000000 00000001 65");
        MediaFrame frame = MediaFrame.parse(VIDEO, legacyKey, 40);

        assertThat(frame.multitrackBody()).isNull();
        assertThat(frame.bodyFor(false)).isSameAs(legacyKey);
        assertThat(frame.bodyFor(true)).isSameAs(legacyKey);
        assertThat(frame.keyframe()).isTrue();
        assertThat(frame.size()).isEqualTo(legacyKey.length);
    }

    @Test
    void aManyTracksMessageGivesSingleTrackPlayersTheDefaultTrackAndMultitrackPlayersEveryTrack() {
        MediaFrame frame = MediaFrame.parse(VIDEO, KEY_TRACKS_0_AND_1, 80);

        assertThat(frame.bodyFor(true)).isSameAs(KEY_TRACKS_0_AND_1);
        assertThat(frame.bodyFor(false)).containsExactly(hex("91 61766331 000000 AABB"));
        assertThat(FlvVideoTag.parse(frame.bodyFor(false)).isMultitrack()).isFalse();
        assertThat(frame.keyframe()).as("the default track is a key frame").isTrue();
        assertThat(frame.config()).isFalse();
        assertThat(frame.size()).isEqualTo(KEY_TRACKS_0_AND_1.length);
    }

    @Test
    void aMessageWithoutTheDefaultTrackGoesOnlyToMultitrackPlayersAndCannotStartAGop() {
        MediaFrame frame = MediaFrame.parse(VIDEO, KEY_TRACK_1, 80);

        assertThat(frame.body()).as("nothing for a single-track player").isNull();
        assertThat(frame.bodyFor(false)).isNull();
        assertThat(frame.bodyFor(true)).isSameAs(KEY_TRACK_1);
        assertThat(frame.keyframe()).as("only the default track's key frames start a GOP").isFalse();
        assertThat(frame.size()).isEqualTo(KEY_TRACK_1.length);
    }

    @Test
    void multitrackSequenceStartsAreConfigsOfTheirTracks() {
        MediaFrame video = MediaFrame.parse(VIDEO, CONFIG_TRACK_1, 0);
        MediaFrame audio = MediaFrame.parse(AUDIO, AUDIO_CONFIG_TRACK_1, 0);

        assertThat(video.config()).isTrue();
        assertThat(video.body()).isNull();
        assertThat(audio.kind()).isEqualTo(MediaFrame.Kind.AUDIO);
        assertThat(audio.config()).isTrue();
        assertThat(audio.body()).isNull();
        assertThat(audio.multitrackBody()).isSameAs(AUDIO_CONFIG_TRACK_1);
    }

    @Test
    void multitrackAudioKeepsTheDefaultTrackForSingleTrackPlayers() {
        MediaFrame frame = MediaFrame.parse(AUDIO, AUDIO_TRACKS_0_AND_1, 20);

        assertThat(frame.bodyFor(false)).containsExactly(hex("91 6D703461 A0"));
        assertThat(FlvAudioTag.parse(frame.bodyFor(false)).isMultitrack()).isFalse();
        assertThat(frame.bodyFor(true)).isSameAs(AUDIO_TRACKS_0_AND_1);
    }

    @Test
    void aShiftedFrameKeepsBothBodies() {
        MediaFrame frame = MediaFrame.parse(VIDEO, KEY_TRACKS_0_AND_1, 80);
        MediaFrame shifted = frame.at(1000);

        assertThat(shifted.timestamp()).isEqualTo(1000);
        assertThat(shifted.body()).isSameAs(frame.body());
        assertThat(shifted.multitrackBody()).isSameAs(frame.multitrackBody());
        assertThat(shifted.keyframe()).isTrue();
        assertThat(shifted.wireEncoding()).isNull();
    }

    static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }
}
