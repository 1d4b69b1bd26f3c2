package dev.inlet.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.core.CoreSettings;
import dev.inlet.core.InMemoryRegistry;
import dev.inlet.core.PlayTokenSecret;
import dev.inlet.core.PlayTokens;
import dev.inlet.core.Publication;
import dev.inlet.core.PublishRequest;
import dev.inlet.core.StreamCallbacks;
import dev.inlet.core.StreamCore;
import dev.inlet.media.AVPacket;
import dev.inlet.rtmp.MessageTypes;
import dev.inlet.rtmp.RtmpMessage;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The RTMP side of one publish, without a socket: messages in, the core's publication and observers out. */
class PublishSessionTest {

    private static final String KEY = "publish-session-test-key-0123";
    /** An AVC sequence header (avcC with one 4-byte SPS and one PPS), then an IDR frame of 4-byte NAL lengths. */
    private static final byte[] AVC_HEADER = {0x17, 0, 0, 0, 0, 1, 0x64, 0, 0x1f, (byte) 0xff, (byte) 0xe1, 0, 4,
            0x67, 0x64, 0, 0x1f, 1, 0, 2, 0x68, (byte) 0xee};
    private static final byte[] IDR = {0x17, 1, 0, 0, 0, 0, 0, 0, 2, 0x65, (byte) 0x88};

    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final StreamCore core = new StreamCore(CoreSettings.defaults(), registry,
            new PlayTokens(PlayTokenSecret.random(), Clock.systemUTC()), Executors.defaultThreadFactory());

    @AfterEach
    void stop() {
        core.close();
    }

    private Publication publish() throws Exception {
        registry.register("news", KEY);
        Publication publication = core.admitPublisher(new PublishRequest("rtmp", KEY, "c/1", "10.0.0.1:5000", "live",
                "rtmp://localhost/live", "FMLE/3.0"), reason -> { }).toCompletableFuture().get(5, TimeUnit.SECONDS);
        core.confirmed(publication);
        return publication;
    }

    @Test
    void messagesBecomeFramesOfTheStreamAndPacketsForMediaObservers() throws Exception {
        AtomicInteger packets = new AtomicInteger();
        List<AVPacket> media = new CopyOnWriteArrayList<>();
        core.setStreamCallbacks("news", new StreamCallbacks() {
            @Override
            public void onPacket() {
                packets.incrementAndGet();
            }

            @Override
            public boolean wantsMedia() {
                return true;
            }

            @Override
            public void onMedia(AVPacket packet) {
                media.add(packet);
            }
        });
        PublishSession session = new PublishSession(publish(), "10.0.0.1:5000");

        session.onMessage(new RtmpMessage(MessageTypes.VIDEO, 1, 0, AVC_HEADER));
        session.onMessage(new RtmpMessage(MessageTypes.VIDEO, 1, 40, IDR));
        session.onMessage(new RtmpMessage(MessageTypes.AUDIO, 1, 45, new byte[0])); // an empty keep-alive

        assertThat(packets).hasValue(3);
        assertThat(media).as("the sequence header configures, the IDR frame is the packet").hasSize(1);
        assertThat(media.get(0).keyframe()).isTrue();
        assertThat(core.isLive("news")).isTrue();
        assertThat(core.tracks("news")).get().asList().isNotEmpty();
        assertThat(core.publishers()).singleElement().satisfies(p -> {
            assertThat(p.messagesIn()).isEqualTo(3);
            assertThat(p.bytesIn()).isEqualTo(AVC_HEADER.length + IDR.length);
            assertThat(p.protocol()).isEqualTo("rtmp");
        });
    }

    @Test
    void closingEndsThePublicationOnceAndFreesTheKey() throws Exception {
        PublishSession session = new PublishSession(publish(), "10.0.0.1:5000");

        session.close("unpublished", null);
        session.close("unpublished", null);

        assertThat(core.publishers()).isEmpty();
        assertThat(core.isLive("news")).isFalse();
        assertThat(registry.lookup(KEY)).isPresent();
        assertThat(core.admitPublisher(new PublishRequest("rtmp", KEY, "c/2", "10.0.0.1:5001", "live", "", ""),
                reason -> { }).toCompletableFuture().get(5, TimeUnit.SECONDS).streamCode()).isEqualTo("news");
    }
}
