package dev.inlet.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.inlet.media.AVPacket;
import dev.inlet.media.AnnexB;
import dev.inlet.media.AvcDecoderConfiguration;
import dev.inlet.media.FlvToAvPacket;
import dev.inlet.media.FlvVideoTag;
import dev.inlet.media.FrameKind;
import dev.inlet.media.TagTrack;
import dev.inlet.media.TrackInfo;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One message, one parse: the frame the ingest makes carries its tag, and the hub's track panel, its GOP and decoder
 * set-up, the multitrack routing and the media observers' AVPacket all come out right from that one frame. The track
 * panel and the packet converter only accept a parsed tag, so nothing after the ingest can read the bytes again.
 */
class ParsedOnceFrameTest {

    /** The set-up reaches joiners re-stamped (at the time of the first frame after it): the same bytes, a new frame. */
    private static final java.util.Comparator<MediaFrame> SAME_BYTES =
            (a, b) -> a.body() == b.body() && a.multitrackBody() == b.multitrackBody() ? 0 : 1;

    private static final int VIDEO = MediaFrame.Kind.VIDEO.tagType;
    // 640x360 and 1280x720 High profile SPS, 25 fps signalled
    private static final byte[] SPS = hex("6764001eacd940a02ff97011000003000100000300320f162d96");
    private static final byte[] OTHER_SPS = hex("6764001facd9405005bb011000000300100000030320f1831960");
    private static final byte[] PPS = hex("68ebe3cb22c0");
    private static final byte[] IDR = hex("658884002F");
    private static final byte[] IDR_OF_TRACK_1 = hex("6588840030");

    private final StreamHub hub = new StreamHub("once", 1_000_000);
    private final FlvToAvPacket packets = new FlvToAvPacket();

    @Test
    void aLegacyFrameFeedsThePanelTheGopAndThePacketFromItsOneParse() {
        byte[] configBody = concat(hex("17 00 000000"), avcc(SPS));
        byte[] keyBody = concat(hex("17 01 000028"), AnnexB.toAvcc(List.of(IDR), 4));
        MediaFrame config = MediaFrame.parse(VIDEO, configBody, 0);
        MediaFrame key = MediaFrame.parse(VIDEO, keyBody, 40);

        assertThat(key.tag()).isInstanceOf(FlvVideoTag.class);
        assertThat(key.tag().body()).as("the parse keeps the published bytes, uncopied").isSameAs(keyBody);
        assertThat(key.at(1000).tag()).as("a shifted frame keeps the same parse").isSameAs(key.tag());
        assertThat(config.config()).isTrue();
        assertThat(key.keyframe()).isTrue();

        hub.publish(config);
        hub.publish(key);

        assertThat(hub.catchUpFrames()).usingElementComparator(SAME_BYTES).containsExactly(config, key);
        assertThat(hub.tracks().snapshot()).singleElement().satisfies(track -> {
            assertThat(track.codec()).isEqualTo("h264");
            assertThat(track.profile()).isEqualTo("High");
            assertThat(track.width()).isEqualTo(640);
            assertThat(track.height()).isEqualTo(360);
            assertThat(track.frameRate()).isEqualTo(25.0);
        });

        assertThat(config.avPacket(packets)).as("a sequence header configures, it is no packet").isNull();
        AVPacket packet = key.avPacket(packets);
        assertThat(packet.kind()).isEqualTo(FrameKind.H264);
        assertThat(packet.keyframe()).isTrue();
        assertThat(packet.dts()).isEqualTo(40);
        assertThat(packet.pts()).isEqualTo(80);
        assertThat(packet.data()).as("the key frame gets its parameter sets")
                .isEqualTo(AnnexB.toAnnexB(List.of(SPS, PPS, IDR)));
    }

    @Test
    void aMultitrackFrameDescribesEveryTrackAndGivesObserversTheDefaultOne() {
        // ex | key | Multitrack; ManyTracks | SequenceStart; 'avc1'; track 0 and track 1 each with their avcC
        byte[] avcc0 = avcc(SPS);
        byte[] avcc1 = avcc(OTHER_SPS);
        MediaFrame config = MediaFrame.parse(VIDEO, concat(hex("96 10 61766331"), track(0, avcc0), track(1, avcc1)), 0);
        // ex | key | Multitrack; ManyTracks | CodedFrames; 'avc1'; each track: cts 0 + its IDR
        byte[] nal0 = concat(hex("000000"), AnnexB.toAvcc(List.of(IDR), 4));
        byte[] nal1 = concat(hex("000000"), AnnexB.toAvcc(List.of(IDR_OF_TRACK_1), 4));
        MediaFrame key = MediaFrame.parse(VIDEO, concat(hex("96 11 61766331"), track(0, nal0), track(1, nal1)), 40);

        assertThat(key.tracks()).extracting(TagTrack::trackId).containsExactly(0, 1);
        assertThat(key.tracks()).as("the tracks are those of the one parse").isSameAs(key.tag().tracks());
        assertThat(key.keyframe()).as("the default track's key frame starts a GOP").isTrue();
        assertThat(FlvVideoTag.parse(key.body()).isMultitrack()).as("single-track players get track 0 alone").isFalse();

        hub.publish(config);
        hub.publish(key);

        assertThat(hub.catchUpFrames()).usingElementComparator(SAME_BYTES).containsExactly(config, key);
        assertThat(hub.decoderSetup()).as("one message configured both tracks").containsExactly(config);
        assertThat(hub.tracks().snapshot()).extracting(TrackInfo::trackId, TrackInfo::codec, TrackInfo::width,
                TrackInfo::height).containsExactly(
                        tuple(0, "h264", 640, 360),
                        tuple(1, "h264", 1280, 720));

        config.avPacket(packets);
        AVPacket packet = key.avPacket(packets);
        assertThat(packet.keyframe()).isTrue();
        assertThat(packet.data()).as("observers get the default track, configured by its own header")
                .isEqualTo(AnnexB.toAnnexB(List.of(SPS, PPS, IDR)));
    }

    @Test
    void anUnreadableTagIsForwardedCountedAndNeverDecoded() {
        byte[] truncated = hex("17");
        MediaFrame frame = MediaFrame.parse(VIDEO, truncated, 0);

        assertThat(frame.tag()).isNull();
        assertThat(frame.keyframe()).isFalse();
        assertThat(frame.config()).isFalse();
        assertThat(frame.avPacket(packets)).isNull();

        hub.publish(frame);

        assertThat(hub.tracks().snapshot()).singleElement().satisfies(track -> {
            assertThat(track.type()).isEqualTo(TrackInfo.Type.VIDEO);
            assertThat(track.codec()).as("counted, not described").isEqualTo("unknown");
        });
    }

    @Test
    void metadataIsTheDecoderSetUpAndDataIsLiveOnly() {
        byte[] onMetaData = hex("02 000A 6F6E4D65746144617461 08 00000000 000009");
        MediaFrame metadata = MediaFrame.parse(MediaFrame.Kind.METADATA.tagType, onMetaData, 0);
        MediaFrame cue = MediaFrame.parse(MediaFrame.Kind.DATA.tagType, hex("02 0006 6F6E437565 00"), 0);

        assertThat(metadata.kind()).isEqualTo(MediaFrame.Kind.METADATA);
        assertThat(cue.kind()).isEqualTo(MediaFrame.Kind.DATA);
        DecoderSetup setup = new DecoderSetup();
        assertThat(setup.remember(metadata)).isTrue();
        assertThat(setup.remember(cue)).isFalse();
        assertThat(setup.frames()).containsExactly(metadata);
        assertThat(metadata.avPacket(packets)).isNull();
    }

    private static byte[] avcc(byte[] sps) {
        return AvcDecoderConfiguration.fromParameterSets(List.of(sps), List.of(PPS)).toBytes();
    }

    /** One track of a ManyTracks body: id, 24-bit size, data. */
    private static byte[] track(int trackId, byte[] data) {
        return concat(new byte[]{(byte) trackId, (byte) (data.length >> 16), (byte) (data.length >> 8),
                (byte) data.length}, data);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }
}
