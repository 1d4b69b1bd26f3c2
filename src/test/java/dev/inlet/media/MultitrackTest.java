package dev.inlet.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Enhanced RTMP v2 multitrack and ModEx, built from the layout of the specification. */
class MultitrackTest {

    @Test
    void manyTracksOneCodecAreSplitByTrack() {
        // ex | key | Multitrack(6); ManyTracks(1) | CodedFrames(1); 'hvc1'; track 0: size 5 (cts 000000 + AA BB);
        // track 1: size 4 (cts 000028 + CC)
        byte[] body = Hex.bytes("96 11 68766331 00 000005 000000AABB 01 000004 000028CC");
        FlvVideoTag tag = FlvVideoTag.parse(body);
        assertThat(tag.isMultitrack()).isTrue();
        assertThat(tag.exPacketType()).isEqualTo(FlvVideoTag.PACKET_CODED_FRAMES);
        assertThat(tag.tracks()).extracting(TagTrack::trackId).containsExactly(0, 1);
        assertThat(tag.track(1).orElseThrow().compositionTime()).isEqualTo(40);
        assertThat(tag.track(1).orElseThrow().data(body)).containsExactly(0xCC);

        byte[] single = tag.singleTrackBody(tag.track(0).orElseThrow());
        assertThat(single).containsExactly(Hex.bytes("91 68766331 000000 AABB"));
        FlvVideoTag reparsed = FlvVideoTag.parse(single);
        assertThat(reparsed.isMultitrack()).isFalse();
        assertThat(reparsed.frameKind()).contains(FrameKind.H265);
    }

    @Test
    void manyTracksManyCodecsCarryAFourCcPerTrack() {
        // audio: ex | Multitrack(5); ManyTracksManyCodecs(2) | CodedFrames(1); 'Opus' track 0 size 1; 'mp4a' track 2 size 2
        byte[] body = Hex.bytes("95 21 4F707573 00 000001 11 6D703461 02 000002 2222");
        FlvAudioTag tag = FlvAudioTag.parse(body);
        assertThat(tag.tracks()).extracting(TagTrack::fourCc).containsExactly(FourCc.OPUS, FourCc.MP4A);
        assertThat(tag.track(2).orElseThrow().length()).isEqualTo(2);
        assertThat(tag.singleTrackBody(tag.track(0).orElseThrow())).containsExactly(Hex.bytes("91 4F707573 11"));
    }

    @Test
    void oneTrackTakesTheRestOfTheBody() {
        byte[] body = Hex.bytes("96 00 61763031 03 0A0B0C");
        FlvVideoTag tag = FlvVideoTag.parse(body);
        assertThat(tag.tracks()).singleElement().satisfies(track -> {
            assertThat(track.trackId()).isEqualTo(3);
            assertThat(track.length()).isEqualTo(3);
        });
        assertThat(tag.track(0)).as("no default track").isEmpty();
    }

    @Test
    void modExCarriesTheNanosecondOffsetAndMayUseTheSixteenBitSize() {
        FlvAudioTag tag = FlvAudioTag.parse(Hex.bytes("97 02 0007D0 01 4F707573 FF"));
        assertThat(tag.timestampOffsetNanos()).isEqualTo(2000);
        assertThat(tag.exPacketType()).isEqualTo(FlvAudioTag.PACKET_CODED_FRAMES);
        assertThat(tag.isOpus()).isTrue();
        // size byte 0xFF means a 16-bit size follows: 0x0002 + 1 = 3 bytes
        FlvVideoTag video = FlvVideoTag.parse(Hex.bytes("97 FF 0002 000001 03 61763031 55"));
        assertThat(video.timestampOffsetNanos()).isEqualTo(1);
        assertThat(video.exPacketType()).isEqualTo(FlvVideoTag.PACKET_CODED_FRAMES_X);
    }

    @Test
    void malformedMultitrackIsRejectedNotOverread() {
        for (String body : new String[] {
                "96 11 68766331 00 0000FF 00", // track size beyond the body
                "96 61 68766331 00",           // nested Multitrack
                "96 31 68766331 00",           // reserved multitrack type
                "97 10 00",                     // ModEx data beyond the body
                "96 21 6876"}) {               // truncated FourCC
            assertThatThrownBy(() -> FlvVideoTag.parse(Hex.bytes(body))).as(body).isInstanceOf(MediaFormatException.class);
        }
    }
}
