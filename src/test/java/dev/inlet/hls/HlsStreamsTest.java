package dev.inlet.hls;

import dev.inlet.core.CoreSettings;
import dev.inlet.core.InMemoryRegistry;
import dev.inlet.core.PlayTokenSecret;
import dev.inlet.core.PlayTokens;
import dev.inlet.core.Publication;
import dev.inlet.core.PublishRequest;
import dev.inlet.core.StreamCore;
import dev.inlet.core.StreamKeys;
import dev.inlet.hub.MediaFrame;
import dev.inlet.media.Vectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The HLS outputs and viewer sessions over a real stream core, fed the committed H.264 vector. */
class HlsStreamsTest {

    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final StreamCore core = new StreamCore(CoreSettings.defaults(), registry,
            new PlayTokens(PlayTokenSecret.random(), Clock.systemUTC()), Executors.defaultThreadFactory());
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final HlsSettings settings = new HlsSettings(200, 1_000, 5, 16L << 20, 100, false,
            Duration.ofSeconds(30), Duration.ofSeconds(15));
    private final HlsStreams streams = new HlsStreams(core, settings, Clock.systemUTC(), nanos::get,
            Executors.defaultThreadFactory());

    @AfterEach
    void close() {
        streams.close();
        core.close();
    }

    private Publication publish() throws Exception {
        String key = StreamKeys.generate();
        registry.register("demo", key);
        Publication publication = core.admitPublisher(new PublishRequest("test", key, "publisher", "127.0.0.1:1", "", "",
                "test"), reason -> { }).toCompletableFuture().get(5, TimeUnit.SECONDS);
        core.confirmed(publication);
        // The vector is one short GOP: published again and again, as one 4 s stream (headers only the first time).
        java.util.List<Object[]> tags = new java.util.ArrayList<>();
        ByteBuffer flv = ByteBuffer.wrap(Vectors.resource("h264-high.flv"));
        flv.position(13); // FLV header and the first PreviousTagSize
        long end = 0;
        while (flv.remaining() >= 11) {
            int type = flv.get() & 0x1F;
            int size = (flv.get() & 0xFF) << 16 | (flv.get() & 0xFF) << 8 | flv.get() & 0xFF;
            long timestamp = (flv.get() & 0xFF) << 16 | (flv.get() & 0xFF) << 8 | flv.get() & 0xFF | (flv.get() & 0xFFL) << 24;
            flv.position(flv.position() + 3);
            byte[] body = new byte[size];
            flv.get(body);
            flv.position(flv.position() + 4);
            tags.add(new Object[]{type, timestamp, body});
            end = Math.max(end, timestamp);
        }
        passMs = end + 40;
        this.tags = tags;
        this.publication = publication;
        publishPasses(20);
        return publication;
    }

    private java.util.List<Object[]> tags;
    private Publication publication;
    private long passMs;
    private int passes;

    /** The vector again, right after the last pass. */
    private void publishPasses(int count) {
        for (int n = 0; n < count; n++) {
            int i = passes++;
            long pass = passMs;
            for (Object[] tag : tags) {
                int type = (int) tag[0];
                byte[] body = (byte[]) tag[2];
                MediaFrame frame = MediaFrame.parse(type, body, (long) tag[1] + i * pass);
                if (i == 0 || !frame.config() && frame.kind() != MediaFrame.Kind.METADATA) {
                    publication.onFrame(type, body.length, frame);
                }
            }
        }
    }

    @Test
    void aStreamThatIsNotLiveHasNoOutput() {
        assertThat(streams.output("demo")).isEmpty();
        assertThat(streams.outputCount()).isZero();
    }

    @Test
    void theFirstRequestStartsTheMuxerFromTheCachedGopSoTheFirstViewerDoesNotWait() throws Exception {
        publish();

        HlsStreams.Output output = streams.output("demo").orElseThrow();
        publishPasses(1); // the GOP cache's frames go out as a part once the frame after them arrives

        assertThat(output.init()).as("muxed from the GOP cache at once; dropped %s, muxed %s bytes",
                output.droppedFrames(), output.bytesMuxed()).isPresent();
        assertThat(output.init().get().codecs()).startsWith("avc1.");
        assertThat(output.window().segmentCount()).isPositive();
        assertThat(output.window().reload(PlaylistQuery.PLAIN, () -> { }).outcome()).isEqualTo(HlsWindow.Outcome.READY);
        assertThat(streams.multivariant(output, "media.m3u8")).contains("CODECS=\"avc1.", "RESOLUTION=",
                "\nmedia.m3u8\n");
        assertThat(streams.output("demo").orElseThrow()).as("one muxer per stream").isSameAs(output);
        assertThat(core.players()).as("the muxer is the server's reader, not a viewer").isEmpty();
    }

    @Test
    void aViewerIsAdmittedListedKickedAndExpires() throws Exception {
        publish();
        streams.output("demo").orElseThrow();

        String session = streams.admitViewer("demo", null, "10.0.0.9:5000", "hls.js").toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
        assertThat(core.players()).singleElement().satisfies(view -> {
            assertThat(view.protocol()).isEqualTo("hls");
            assertThat(view.id()).isEqualTo(session);
        });
        assertThat(streams.viewerSeen(session, "demo", 100)).isEqualTo(HlsStreams.Session.OPEN);
        assertThat(streams.viewerSeen(session, "other", 100)).isEqualTo(HlsStreams.Session.UNKNOWN);

        assertThat(core.kick(session, "kicked by test")).isTrue();
        assertThat(core.players()).isEmpty();
        assertThat(streams.viewerSeen(session, "demo", 0)).as("a kicked viewer's reload is refused")
                .isEqualTo(HlsStreams.Session.CLOSED);

        String second = streams.admitViewer("demo", null, "10.0.0.9:5001", "hls.js").toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
        nanos.addAndGet(Duration.ofSeconds(16).toNanos());
        streams.sweep();
        assertThat(core.players()).as("no reload for longer than the viewer time-out").isEmpty();
        assertThat(streams.viewerSeen(second, "demo", 0)).isEqualTo(HlsStreams.Session.UNKNOWN);
    }

    @Test
    void anIdleMuxerStopsAndANewRequestStartsAnother() throws Exception {
        publish();
        HlsStreams.Output first = streams.output("demo").orElseThrow();

        nanos.addAndGet(Duration.ofSeconds(31).toNanos());
        streams.sweep();

        assertThat(streams.outputCount()).isZero();
        assertThat(first.window().ended()).isTrue();
        HlsStreams.Output second = streams.output("demo").orElseThrow();
        assertThat(second).isNotSameAs(first);
        assertThat(second.epoch()).as("URIs of the new output differ from the old one's").isNotEqualTo(first.epoch());
    }

    @Test
    void aViewerOfAStreamThatIsNotLiveIsRefused() {
        assertThat(streams.admitViewer("nobody", null, "10.0.0.9:5000", "hls.js").toCompletableFuture())
                .failsWithin(Duration.ofSeconds(5));
        assertThat(core.players()).isEmpty();
    }
}
