package dev.inlet.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.inlet.media.AVPacket;
import dev.inlet.media.TsDemuxer;
import dev.inlet.media.TsTrack;

import java.util.ArrayList;
import java.util.List;

/**
 * The MPEG-TS demuxer on hostile bytes: the first input byte picks a chunk size (1..256), the rest is the stream. The
 * demuxer documents no exception at all (damage is dropped and counted), so anything thrown is a finding; and the
 * frames and tracks must be the same whether the stream arrives in one piece or in chunks.
 */
class TsDemuxerFuzzTest {

    @FuzzTest
    void fuzz(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int chunk = (input[0] & 0xFF) + 1;
        Recording whole = new Recording();
        TsDemuxer wholeDemuxer = new TsDemuxer(whole, 64 * 1024);
        wholeDemuxer.feed(input, 1, input.length - 1);
        wholeDemuxer.flush();

        Recording chunked = new Recording();
        TsDemuxer chunkedDemuxer = new TsDemuxer(chunked, 64 * 1024);
        for (int offset = 1; offset < input.length; offset += chunk) {
            chunkedDemuxer.feed(input, offset, Math.min(chunk, input.length - offset));
        }
        chunkedDemuxer.flush();

        FuzzContract.check(whole.events.equals(chunked.events), "chunks of " + chunk + " bytes changed the output");
        FuzzContract.check(wholeDemuxer.stats().equals(chunkedDemuxer.stats()), "chunks changed the counters");
        TsDemuxer.Stats stats = wholeDemuxer.stats();
        FuzzContract.check(stats.packets() <= input.length / 188, "more packets than the input holds: " + stats);
    }

    /** Everything the listener heard, in order; frames must belong to a reported track of their kind. */
    private static final class Recording implements TsDemuxer.Listener {
        final List<Object> events = new ArrayList<>();

        @Override
        public void onTrack(TsTrack track) {
            FuzzContract.check(track.configuration().length > 0, "empty configuration for " + track);
            events.add(track);
        }

        @Override
        public void onFrame(TsTrack track, AVPacket packet) {
            FuzzContract.check(track != null && track.kind() == packet.kind(), "frame " + packet + " of track " + track);
            FuzzContract.check(packet.data().length > 0, "empty frame " + packet);
            events.add(packet);
        }

        @Override
        public void onSkippedStream(int programNumber, int pid, int streamType) {
            events.add(List.of(programNumber, pid, streamType));
        }
    }
}
