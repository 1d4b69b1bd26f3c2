package dev.inlet.recording;

import dev.inlet.core.CoreSettings;
import dev.inlet.core.InMemoryRegistry;
import dev.inlet.core.PlayTokenSecret;
import dev.inlet.core.PlayTokens;
import dev.inlet.core.Publication;
import dev.inlet.core.StreamCore;
import dev.inlet.core.StreamKeys;
import dev.inlet.registry.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/** Recordings over a real stream core fed the committed H.264 vector, into a temporary directory. */
class RecordingsTest {

    @TempDir
    Path directory;

    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final StreamCore core = new StreamCore(CoreSettings.defaults(), registry,
            new PlayTokens(PlayTokenSecret.random(), Clock.systemUTC()), Executors.defaultThreadFactory());
    private final InMemoryRecordingCatalog catalog = new InMemoryRecordingCatalog(code -> code.startsWith("demo"));
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final VectorPublisher vector = new VectorPublisher("h264-high.flv");
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
    private Recordings recordings;

    private final RecordingListener listener = new RecordingListener() {
        @Override
        public void started(RecordingInfo recording) {
            events.add("started " + recording.stream());
        }

        @Override
        public void finished(RecordingInfo recording) {
            events.add(recording.state() + " " + recording.stream());
        }

        @Override
        public void failed(RecordingInfo recording, String reason) {
            events.add("failed " + recording.stream() + ": " + reason);
        }

        @Override
        public void deleted(RecordingInfo recording, String why) {
            events.add("deleted " + recording.id());
        }
    };

    @AfterEach
    void close() {
        if (recordings != null) {
            recordings.close();
        }
        core.close();
    }

    private Recordings start(RecordingSettings settings, DiskWriter.Opener opener) {
        recordings = new Recordings(core, catalog, settings, listener, clock, Executors.defaultThreadFactory(), opener);
        recordings.start();
        return recordings;
    }

    private RecordingSettings settings() {
        return RecordingSettings.defaults(directory, "node-a");
    }

    private String key(String stream) {
        String key = StreamKeys.generate();
        registry.register(stream, key);
        return key;
    }

    @Test
    void inAClusterTheNodeWhoseOwnInputFeedsThePlayersRecordsAndTheOtherDoesNot() throws Exception {
        start(settings(), DiskWriter.Opener.FILES).setPolicy("demo", new RecordingPolicy(true, null));
        String backupKey = StreamKeys.generate();
        registry.register("demo", 2, backupKey);
        Publication backup = VectorPublisher.admit(core, backupKey);
        await().atMost(Duration.ofSeconds(5)).until(() -> recordings.isRecording("demo"));
        vector.publish(backup, 2, true);

        // Another node's primary, pulled here, is the better input: it records there, this node stops.
        dev.inlet.core.EdgeInput primaryOfNodeB = core.openEdgeInput("demo", 1, "node-b");
        new VectorPublisher("h264-high.flv").publish(primaryOfNodeB::onFrame, 2, true);
        await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("FINISHED demo"));
        assertThat(recordings.isRecording("demo")).isFalse();

        // That node dies: the backup feeds the players again, and this node records again.
        primaryOfNodeB.end("the connection to node node-b closed", false);
        vector.publish(backup, 2, false);
        await().atMost(Duration.ofSeconds(5)).until(() -> recordings.isRecording("demo"));
        assertThat(events).containsSubsequence("started demo", "FINISHED demo", "started demo");
    }

    @Test
    void aPublishOfAStreamWithRecordingOnBecomesOneFinishedMp4WithItsMoovInFront() throws Exception {
        start(settings(), DiskWriter.Opener.FILES).setPolicy("demo", new RecordingPolicy(true, null));
        Publication publication = VectorPublisher.admit(core, key("demo"));
        await().atMost(Duration.ofSeconds(5)).until(() -> recordings.isRecording("demo"));
        vector.publish(publication, 20, true);
        publication.end("unpublished", null);

        await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("FINISHED demo"));
        RecordingInfo recording = catalog.list("demo", null, null).get(0);
        assertThat(catalog.list(null, null, null)).hasSize(1);
        assertThat(recording.state()).isEqualTo(RecordingState.FINISHED);
        assertThat(recording.codecs()).isEqualTo("avc1");
        assertThat(recording.durationMs()).isCloseTo(20 * vector.passMs(), within(vector.passMs()));
        assertThat(recording.width()).isPositive();
        Path file = recordings.file(recording).orElseThrow();
        assertThat(file).hasFileName(Path.of(recording.file()).getFileName().toString()).startsWith(directory.resolve("demo"));
        assertThat(Files.size(file)).isEqualTo(recording.bytes());
        assertThat(Files.exists(file.resolveSibling(file.getFileName() + ".part"))).as("fragments removed").isFalse();
        byte[] head = Arrays.copyOf(Files.readAllBytes(file), 64);
        assertThat(new String(head, 4, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("ftyp");
        int ftyp = ByteBuffer.wrap(head).getInt();
        assertThat(new String(head, ftyp + 4, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("moov");
        assertThat(events).containsExactly("started demo", "FINISHED demo");
    }

    @Test
    void aStreamWithoutAPolicyIsRecordedOnlyWhenTheServerRecordsByDefault() throws Exception {
        start(settings(), DiskWriter.Opener.FILES);
        Publication off = VectorPublisher.admit(core, key("demo-off"));
        vector.publish(off, 3, true);
        off.end("unpublished", null);
        recordings.await(() -> { });
        recordings.await(() -> { });
        assertThat(catalog.list(null, null, null)).isEmpty();
        recordings.close();

        start(settings().withRecordByDefault(true), DiskWriter.Opener.FILES);
        Publication on = VectorPublisher.admit(core, key("demo-on"));
        await().atMost(Duration.ofSeconds(5)).until(() -> recordings.isRecording("demo-on"));
        vector.publish(on, 3, true);
        on.end("unpublished", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("FINISHED demo-on"));
        assertThat(catalog.list(null, null, null)).extracting(RecordingInfo::stream).containsExactly("demo-on");
    }

    @Test
    void anEncoderThatReconnectsWithinTheGraceContinuesTheSameRecording() throws Exception {
        start(settings(), DiskWriter.Opener.FILES).setPolicy("demo", new RecordingPolicy(true, null));
        String key = key("demo");
        Publication first = VectorPublisher.admit(core, key);
        await().atMost(Duration.ofSeconds(5)).until(() -> recordings.isRecording("demo"));
        vector.publish(first, 10, true);
        first.end("connection reset", new IOException("connection reset")); // dropped, not unpublished
        Publication second = VectorPublisher.admit(core, key);
        vector.publish(second, 10, true);
        second.end("unpublished", null);

        await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("FINISHED demo"));
        assertThat(catalog.list(null, null, null)).hasSize(1);
        assertThat(catalog.list(null, null, null).get(0).durationMs()).isCloseTo(20 * vector.passMs(), within(vector.passMs()));
    }

    @Test
    void aPublishAfterTheStreamEndedStartsANewRecording() throws Exception {
        start(settings(), DiskWriter.Opener.FILES).setPolicy("demo", new RecordingPolicy(true, null));
        String key = key("demo");
        for (int publish = 1; publish <= 2; publish++) {
            Publication publication = VectorPublisher.admit(core, key);
            await().atMost(Duration.ofSeconds(5)).until(() -> recordings.isRecording("demo"));
            vector.publish(publication, 5, true);
            publication.end("unpublished", null); // a clean unpublish ends the stream at once
            int finished = publish;
            await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().filter("FINISHED demo"::equals).count() == finished);
            await().atMost(Duration.ofSeconds(5)).until(() -> !recordings.isRecording("demo"));
        }
        List<RecordingInfo> all = catalog.list("demo", null, null);
        assertThat(all).hasSize(2).extracting(RecordingInfo::file).doesNotHaveDuplicates();
        assertThat(all).allMatch(r -> r.state() == RecordingState.FINISHED && r.durationMs() > 4 * vector.passMs());
    }

    @Test
    void aFullDiskFailsTheRecordingWithItsReasonWhileThePublishGoesOn() throws Exception {
        DiskWriter.Opener fillsUp = path -> new LimitedChannel(FileChannel.open(path, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE), 200_000);
        start(settings(), fillsUp).setPolicy("demo", new RecordingPolicy(true, null));
        Publication publication = VectorPublisher.admit(core, key("demo"));
        await().atMost(Duration.ofSeconds(5)).until(() -> recordings.isRecording("demo"));
        vector.publish(publication, 40, true);

        await().atMost(Duration.ofSeconds(10)).until(() -> catalog.list("demo", null, null).get(0).durationMs() > 0);
        assertThat(events).anyMatch(e -> e.startsWith("failed demo") && e.contains("No space left on device"));
        assertThat(recordings.failures().writeError()).isEqualTo(1);
        assertThat(recordings.isRecording("demo")).isFalse();
        assertThat(publication.isActive()).as("the live stream goes on").isTrue();
        RecordingInfo failed = catalog.list("demo", null, null).get(0);
        assertThat(failed.state()).isEqualTo(RecordingState.FAILED);
        assertThat(failed.reason()).contains("No space left on device");
        assertThat(failed.durationMs()).as("what was written before the disk filled is kept").isPositive();
        vector.publish(publication, 2, false); // still accepted
        publication.end("unpublished", null);
    }

    @Test
    void aStalledDiskFailsTheRecordingInsteadOfHoldingThePublisher() throws Exception {
        CountDownLatch stalled = new CountDownLatch(1);
        DiskWriter.Opener stalls = path -> new WritableByteChannel() {
            @Override
            public int write(ByteBuffer src) throws IOException {
                try {
                    stalled.await(); // a disk that never answers
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
                int n = src.remaining();
                src.position(src.limit());
                return n;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
        start(settings().withQueues(1 << 20, 1 << 20), stalls).setPolicy("demo", new RecordingPolicy(true, null));
        Publication publication = VectorPublisher.admit(core, key("demo"));
        await().atMost(Duration.ofSeconds(5)).until(() -> recordings.isRecording("demo"));
        long started = System.nanoTime();
        vector.publish(publication, 100, true); // several MB against a 1 MiB queue
        long millis = (System.nanoTime() - started) / 1_000_000;

        await().atMost(Duration.ofSeconds(10)).until(() -> recordings.failures().diskSlow() == 1);
        assertThat(millis).as("the publisher never waited for the disk").isLessThan(5_000);
        assertThat(recordings.queuedBytes()).isLessThanOrEqualTo(1 << 20);
        assertThat(events).as("told while the disk still stalls").anyMatch(e -> e.contains("does not keep up"));
        assertThat(catalog.list("demo", null, null).get(0).state()).isEqualTo(RecordingState.FAILED);
        assertThat(publication.isActive()).isTrue();
        stalled.countDown();
        publication.end("unpublished", null);
    }

    @Test
    void aRecordingLeftUnfinishedByACrashIsRecoveredUpToItsLastCompleteFragment() throws Exception {
        // the node's last life: recording, its process killed in the middle of a fragment
        start(settings(), DiskWriter.Opener.FILES).setPolicy("demo", new RecordingPolicy(true, null));
        Publication publication = VectorPublisher.admit(core, key("demo"));
        await().atMost(Duration.ofSeconds(5)).until(() -> recordings.isRecording("demo"));
        vector.publish(publication, 20, true);
        await().atMost(Duration.ofSeconds(5)).until(() -> recordings.queuedBytes() == 0);
        RecordingInfo live = catalog.list("demo", null, null).get(0);
        Path part = directory.resolve(live.file() + ".part");
        byte[] written = Files.readAllBytes(part);
        InMemoryRecordingCatalog survivor = new InMemoryRecordingCatalog(code -> true);
        survivor.add(live);
        Path afterCrash = Files.createDirectories(directory.resolve("after-crash"));
        Path copy = afterCrash.resolve(live.file() + ".part");
        Files.createDirectories(copy.getParent());
        Files.write(copy, Arrays.copyOf(written, written.length - 100)); // the last fragment is cut
        publication.end("unpublished", null);

        // the next life, on the same node
        Recordings restarted = new Recordings(core, survivor, RecordingSettings.defaults(afterCrash, "node-a"), listener,
                clock, Executors.defaultThreadFactory());
        try {
            restarted.start();
            restarted.await(() -> { }); // recovery runs first on the housekeeping thread
            RecordingInfo recovered = survivor.find(live.id()).orElseThrow();
            assertThat(recovered.state()).isEqualTo(RecordingState.RECOVERED);
            assertThat(recovered.reason()).contains("recovered").contains("left out");
            assertThat(recovered.durationMs()).isPositive().isLessThan(20 * vector.passMs());
            assertThat(events).contains("RECOVERED demo");
            Path file = restarted.file(recovered).orElseThrow();
            try (FileChannel in = FileChannel.open(copy.resolveSibling(Path.of(live.file()).getFileName()))) {
                assertThat(in.size()).isEqualTo(Files.size(file)).isEqualTo(recovered.bytes());
            }
            assertThat(Files.exists(copy)).as("fragments removed once finalised").isFalse();
        } finally {
            restarted.close();
        }
    }

    @Test
    void retentionDeletesByAgeAndThenTheOldestWhileTheStreamIsOverItsSize() throws Exception {
        start(settings().withDefaultRetention(new Retention(Duration.ofDays(7), 0)), DiskWriter.Opener.FILES);
        Instant now = clock.instant();
        RecordingInfo ancient = finished("demo", now.minus(Duration.ofDays(8)), 1_000);
        RecordingInfo old = finished("demo", now.minus(Duration.ofDays(3)), 1_000);
        RecordingInfo recent = finished("demo", now.minus(Duration.ofDays(1)), 1_000);
        RecordingInfo otherStream = finished("demo-2", now.minus(Duration.ofDays(2)), 5_000);
        RecordingInfo otherNode = new RecordingInfo("other-node", "demo", "node-b", RecordingState.FINISHED,
                now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(30)), 1_000, 10, "avc1", 0, 0, "demo/x.mp4", null);
        catalog.add(otherNode);

        recordings.requestRetention(); // as the container's scheduled executor asks for it
        recordings.await(() -> { });
        assertThat(catalog.find(ancient.id())).as("past the default 7 days").isEmpty();
        assertThat(Files.exists(directory.resolve(ancient.file()))).isFalse();
        assertThat(catalog.find(old.id())).isPresent();
        assertThat(catalog.find(otherNode.id())).as("another node enforces its own").isPresent();

        recordings.setPolicy("demo", new RecordingPolicy(false, new Retention(null, 1_500)));
        recordings.enforceRetention();
        assertThat(catalog.find(recent.id())).as("the newest fits 1,500 bytes").isPresent();
        assertThat(catalog.find(old.id())).as("the older one does not").isEmpty();
        assertThat(catalog.find(otherStream.id())).as("other streams keep the default").isPresent();

        clock.advance(Duration.ofDays(6));
        recordings.enforceRetention();
        assertThat(catalog.find(otherStream.id())).as("8 days old now").isEmpty();
        assertThat(recordings.deletedByRetention()).isEqualTo(3);
        assertThat(events).contains("deleted " + ancient.id(), "deleted " + old.id(), "deleted " + otherStream.id());
    }

    private RecordingInfo finished(String stream, Instant ended, long bytes) throws IOException {
        String id = java.util.UUID.randomUUID().toString();
        String file = RecordingFiles.fileFor(stream, ended, id);
        Path path = directory.resolve(file);
        Files.createDirectories(path.getParent());
        Files.write(path, new byte[(int) bytes]);
        RecordingInfo recording = new RecordingInfo(id, stream, "node-a", RecordingState.FINISHED, ended.minusSeconds(60),
                ended, 60_000, bytes, "avc1", 1280, 720, file, null);
        catalog.add(recording);
        return recording;
    }

    /** A file on a disk with {@code capacity} bytes free. */
    private static final class LimitedChannel implements WritableByteChannel {
        private final FileChannel file;
        private long free;

        LimitedChannel(FileChannel file, long capacity) {
            this.file = file;
            this.free = capacity;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            if (src.remaining() > free) {
                throw new IOException("No space left on device");
            }
            int n = file.write(src);
            free -= n;
            return n;
        }

        @Override
        public boolean isOpen() {
            return file.isOpen();
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }
}
