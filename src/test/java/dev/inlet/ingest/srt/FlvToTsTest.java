package dev.inlet.ingest.srt;

import dev.inlet.hub.MediaFrame;
import dev.inlet.media.AVPacket;
import dev.inlet.media.FrameKind;
import dev.inlet.media.TsMuxer;
import dev.inlet.media.TsTrack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What an SRT reader is sent: the hub's FLV frames as MPEG-TS, and a clear refusal of codecs TS cannot carry here. */
class FlvToTsTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<Integer> unitLengths = new ArrayList<>();
    private final FlvToTs ts = new FlvToTs((buffer, offset, length) -> {
        unitLengths.add(length);
        out.write(buffer, offset, length);
    });

    private void writeAll(List<SrtTestMedia.Tag> tags) throws FlvToTs.Uncarriable {
        for (SrtTestMedia.Tag tag : tags) {
            ts.write(tag.frame(0));
        }
        ts.flush();
    }

    @ParameterizedTest
    @CsvSource({"h264-aac.ts, H264, AAC", "h265-opus.ts, H265, OPUS"})
    void anSrtPublishReadBackOverSrtHasTheSameTracksFramesAndTimes(String fixture, FrameKind video, FrameKind audio)
            throws Exception {
        List<SrtTestMedia.Tag> tags = SrtTestMedia.tagsOfTs(fixture);

        writeAll(tags);

        SrtTestMedia.Demuxed demuxed = SrtTestMedia.Demuxed.of(out.toByteArray());
        assertThat(demuxed.tracks).extracting(TsTrack::kind).containsExactlyInAnyOrder(video, audio);
        assertThat(demuxed.skipped).isEmpty();
        assertThat(demuxed.stats.continuityErrors()).isZero();
        assertThat(demuxed.stats.droppedFrames()).isZero();
        // Every coded frame of the publish, at its time: the stream's milliseconds are the TS's, times 90.
        List<Long> videoTimes = codedTimes(tags, 9);
        List<Long> audioTimes = codedTimes(tags, 8);
        assertThat(demuxed.framesOf(video)).extracting(AVPacket::dts).containsExactlyElementsOf(videoTimes);
        assertThat(demuxed.framesOf(audio)).extracting(AVPacket::dts).containsExactlyElementsOf(audioTimes);
        assertThat(demuxed.framesOf(video).get(0).keyframe()).isTrue();
        assertThat(unitLengths.subList(0, unitLengths.size() - 1)).as("full SRT messages but the last")
                .allMatch(length -> length == TsMuxer.UNIT_SIZE);
        assertThat(ts.droppedFrames()).isZero();
    }

    @ParameterizedTest
    @CsvSource({"vp9.flv, video is VP9", "av1.flv, video is AV1", "mp3.flv, audio is MP3"})
    void aCodecTsCannotCarryHereIsRefusedWithItsName(String fixture, String named) {
        List<SrtTestMedia.Tag> tags = SrtTestMedia.tagsOfFlv(fixture);

        assertThatThrownBy(() -> writeAll(tags)).isInstanceOf(FlvToTs.Uncarriable.class)
                .hasMessageContaining(named).hasMessageContaining("H.264 or H.265 video, AAC or Opus audio");
    }

    @Test
    void aLegacyFlvCodecIsRefusedToo() {
        // Sorenson H.263 (codec id 2), an inter frame
        MediaFrame h263 = MediaFrame.parse(9, new byte[]{0x22, 0, 0, 0, 0}, 0);

        assertThatThrownBy(() -> ts.write(h263)).isInstanceOf(FlvToTs.Uncarriable.class)
                .hasMessageContaining("FLV codec 2");
    }

    @Test
    void metadataDataAndFramesBeforeTheirSequenceHeaderGiveNothing() throws Exception {
        List<SrtTestMedia.Tag> tags = SrtTestMedia.tagsOfTs("h264-aac.ts");
        ts.write(MediaFrame.metadata(0, tags.get(0).body()));
        ts.write(MediaFrame.data(0, new byte[]{2, 0, 3, 'a', 'b', 'c'}));
        for (SrtTestMedia.Tag tag : tags) {
            if (!tag.frame(0).config()) {
                ts.write(tag.frame(0));
            }
        }
        ts.flush();

        assertThat(out.size()).isZero();
        assertThat(ts.hasVideo()).isFalse();
    }

    /** The times of the coded frames (not sequence headers) of one tag type. */
    private static List<Long> codedTimes(List<SrtTestMedia.Tag> tags, int type) {
        return tags.stream().filter(tag -> tag.type() == type)
                .filter(tag -> tag.frame(0).tag() != null && tag.frame(0).tag().isCodedFrame())
                .map(SrtTestMedia.Tag::timestamp).toList();
    }
}
