package dev.inlet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The load tool blocks for the part after the last one listed, in full and delta playlists alike. */
class HlsLoadToolTest {

    @Test
    void theNextPartIsTheOneAfterTheLastListedInTheSegmentBeingWritten() {
        HlsLoadTool.Playlist playlist = HlsLoadTool.Playlist.parse("""
                #EXTM3U
                #EXT-X-TARGETDURATION:2
                #EXT-X-MEDIA-SEQUENCE:7
                #EXT-X-PART:DURATION=0.200,URI="part-70.m4s",INDEPENDENT=YES
                #EXTINF:2.000,
                seg-7.m4s
                #EXT-X-PART:DURATION=0.200,URI="part-80.m4s?v=1",INDEPENDENT=YES
                #EXT-X-PART:DURATION=0.200,URI="part-81.m4s?v=1"
                #EXT-X-PRELOAD-HINT:TYPE=PART,URI="part-82.m4s?v=1"
                """);

        assertThat(playlist.parts()).containsExactly("part-70.m4s", "part-80.m4s?v=1", "part-81.m4s?v=1");
        assertThat(playlist.segments()).containsExactly("seg-7.m4s");
        assertThat(playlist.targetDurationS()).isEqualTo(2);
        assertThat(playlist.nextMsn()).isEqualTo(8);
        assertThat(playlist.nextPart()).isEqualTo(2);
    }

    @Test
    void aDeltaPlaylistCountsTheSkippedSegmentsAndAJustCompletedSegmentWantsPartZeroOfTheNext() {
        HlsLoadTool.Playlist playlist = HlsLoadTool.Playlist.parse("""
                #EXTM3U
                #EXT-X-TARGETDURATION:2
                #EXT-X-MEDIA-SEQUENCE:3
                #EXT-X-SKIP:SKIPPED-SEGMENTS=4
                #EXTINF:2.000,
                seg-7.m4s
                #EXT-X-PART:DURATION=0.200,URI="part-80.m4s"
                #EXTINF:2.000,
                seg-8.m4s
                """);

        assertThat(playlist.nextMsn()).isEqualTo(9);
        assertThat(playlist.nextPart()).isZero();
    }

    @Test
    void aPlaylistWithoutPartsOrEndedHasNothingToBlockFor() {
        assertThat(HlsLoadTool.Playlist.parse("""
                #EXTM3U
                #EXT-X-TARGETDURATION:3
                #EXT-X-MEDIA-SEQUENCE:10
                #EXTINF:3.000,
                10.ts
                """).nextMsn()).isEqualTo(-1);
        assertThat(HlsLoadTool.Playlist.parse("""
                #EXTM3U
                #EXT-X-TARGETDURATION:2
                #EXT-X-PART:DURATION=0.200,URI="part-0.m4s"
                #EXTINF:0.200,
                seg-0.m4s
                #EXT-X-ENDLIST
                """).nextMsn()).isEqualTo(-1);
    }
}
