package dev.inlet.hls;

import dev.inlet.hls.HlsWindow.Answer;
import dev.inlet.hls.HlsWindow.Outcome;
import dev.inlet.media.FrameKind;
import dev.inlet.media.fmp4.Fragment;
import dev.inlet.media.fmp4.InitSegment;
import dev.inlet.media.fmp4.TrackFormat;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HlsWindowTest {

    private static final Pattern PART = Pattern.compile("#EXT-X-PART:DURATION=([0-9.]+),URI=\"part-(\\d+)\\.m4s\"");
    private static final Pattern EXTINF = Pattern.compile("#EXTINF:([0-9.]+),");
    private static final Pattern SEGMENT_URI = Pattern.compile("seg-(\\d+)\\.m4s");

    private final Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    private final InitSegment init0 = InitSegment.of(0, null, TrackFormat.of(FrameKind.AAC, new byte[] {0x12, 0x10}));
    private final InitSegment init1 = InitSegment.of(1, null, TrackFormat.of(FrameKind.AAC, new byte[] {0x11, (byte) 0x90}));
    private long sequence;
    private long mediaMs;

    /** Six segments of 1 s parts cut at 4 s, key frames every 4 parts, default part target 1 s. */
    private final HlsWindow window = new HlsWindow(HlsWindow.Settings.DEFAULT, clock);

    private Fragment fragment(InitSegment init, boolean independent, double durationMs) {
        byte[] bytes = new byte[100 + (int) (sequence % 7)];
        bytes[0] = (byte) sequence;
        Fragment fragment = new Fragment(++sequence, init, bytes, mediaMs, durationMs, independent, 0, 10);
        mediaMs += Math.round(durationMs);
        return fragment;
    }

    /** Appends a GOP: one independent part and {@code parts - 1} dependent ones. */
    private List<Fragment> gop(HlsWindow into, InitSegment init, int parts, double partMs) {
        List<Fragment> appended = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            Fragment fragment = fragment(init, i == 0, partMs);
            into.append(fragment);
            appended.add(fragment);
        }
        return appended;
    }

    private static List<String> lines(String playlist) {
        return List.of(playlist.split("\n"));
    }

    private static long tag(String playlist, String name) {
        for (String line : lines(playlist)) {
            if (line.startsWith(name + ":")) {
                return Long.parseLong(line.substring(name.length() + 1));
            }
        }
        throw new AssertionError(name + " missing in\n" + playlist);
    }

    private static List<Long> numbers(Pattern pattern, int group, String playlist) {
        List<Long> numbers = new ArrayList<>();
        Matcher m = pattern.matcher(playlist);
        while (m.find()) {
            numbers.add(Long.parseLong(m.group(group)));
        }
        return numbers;
    }

    private static List<Double> decimals(Pattern pattern, String playlist) {
        List<Double> values = new ArrayList<>();
        Matcher m = pattern.matcher(playlist);
        while (m.find()) {
            values.add(Double.parseDouble(m.group(1)));
        }
        return values;
    }

    private static String preloadHint(String playlist) {
        return lines(playlist).stream().filter(l -> l.startsWith("#EXT-X-PRELOAD-HINT:")).findFirst().orElse(null);
    }

    private static byte[] body(Answer answer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        answer.resource().writeTo(out);
        assertThat(answer.resource().length()).isEqualTo(out.size());
        return out.toByteArray();
    }

    @Test
    void segmentsAreCutAtTheFirstKeyFrameAfterTheSegmentLengthAndNumberedUpwards() {
        for (int i = 0; i < 5; i++) {
            gop(window, init0, 2, 1_000); // 2 s GOPs: a segment takes two of them to reach 4 s
        }
        String playlist = window.render(PlaylistQuery.PLAIN, "");

        assertThat(numbers(SEGMENT_URI, 1, playlist)).containsExactly(0L, 1L);
        assertThat(decimals(EXTINF, playlist)).containsExactly(4.0, 4.0);
        assertThat(numbers(PART, 2, playlist)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(tag(playlist, "#EXT-X-MEDIA-SEQUENCE")).isZero();
        assertThat(lines(playlist).get(0)).isEqualTo("#EXTM3U");
        assertThat(playlist).contains("#EXT-X-MAP:URI=\"init-0.mp4\"")
                .contains("#EXT-X-PART:DURATION=1.000,URI=\"part-0.m4s\",INDEPENDENT=YES")
                .contains("#EXT-X-PART:DURATION=1.000,URI=\"part-1.m4s\"\n")
                .contains("#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=3.000,CAN-SKIP-UNTIL=24.000");
    }

    @Test
    void targetDurationIsNeverBelowAnySegmentAndPartsNeverAbovePartTarget() {
        gop(window, init0, 4, 1_000);
        gop(window, init0, 7, 900); // a long GOP: 6.3 s
        gop(window, init0, 4, 1_000);
        gop(window, init0, 1, 1_250); // longer than the part target
        gop(window, init0, 1, 500);
        String playlist = window.render(PlaylistQuery.PLAIN, "");

        long targetDuration = tag(playlist, "#EXT-X-TARGETDURATION");
        assertThat(decimals(EXTINF, playlist)).isNotEmpty()
                .allSatisfy(extinf -> assertThat(Math.ceil(extinf)).isLessThanOrEqualTo(targetDuration));
        assertThat(targetDuration).isEqualTo((long) Math.ceil(6.3));
        Matcher partTarget = Pattern.compile("PART-TARGET=([0-9.]+)").matcher(playlist);
        assertThat(partTarget.find()).isTrue();
        double target = Double.parseDouble(partTarget.group(1));
        assertThat(decimals(PART, playlist)).allSatisfy(part -> assertThat(part).isLessThanOrEqualTo(target));
        assertThat(playlist).contains("PART-HOLD-BACK=" + MediaPlaylistWriter.seconds(3 * target * 1_000));
    }

    @Test
    void theWindowKeepsTheLastSegmentsAndDropsTheOldest() {
        HlsWindow small = new HlsWindow(new HlsWindow.Settings(3, 4_000, 1_000, 1 << 20, 10), clock);
        List<List<Fragment>> gops = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            gops.add(gop(small, init0, 4, 1_000));
        }
        String playlist = small.render(PlaylistQuery.PLAIN, "");

        assertThat(small.segmentCount()).isEqualTo(3);
        assertThat(tag(playlist, "#EXT-X-MEDIA-SEQUENCE")).isEqualTo(7);
        assertThat(numbers(SEGMENT_URI, 1, playlist)).containsExactly(7L, 8L);
        long held = gops.subList(7, 10).stream().flatMap(List::stream).mapToLong(f -> f.bytes().length).sum();
        assertThat(small.bytesHeld()).isEqualTo(held);
        assertThat(small.resource("seg-6.m4s", null).outcome()).isEqualTo(Outcome.NOT_FOUND);
        assertThat(small.resource("part-27.m4s", null).outcome()).isEqualTo(Outcome.NOT_FOUND);
        assertThat(small.resource("seg-7.m4s", null).outcome()).isEqualTo(Outcome.READY);
    }

    @Test
    void theWindowDropsSegmentsBeyondItsByteLimit() {
        HlsWindow small = new HlsWindow(new HlsWindow.Settings(6, 4_000, 1_000, 1_000, 10), clock);
        for (int i = 0; i < 5; i++) {
            gop(small, init0, 4, 1_000);
        }
        assertThat(small.bytesHeld()).isLessThanOrEqualTo(1_000);
        assertThat(small.segmentCount()).isLessThan(5);
    }

    @Test
    void partsAreListedOnlyWithinThreeTargetDurationsOfTheLiveEdge() {
        for (int i = 0; i < 6; i++) {
            gop(window, init0, 4, 1_000);
        }
        String playlist = window.render(PlaylistQuery.PLAIN, "");
        // 6 segments of 4 s (24 s), the last one open: parts only of segments ending no more than 12 s before the
        // end, so from segment 2 (ending at 12 s) on, whose first part is its 4 parts per segment * 2
        assertThat(numbers(PART, 2, playlist)).first().isEqualTo(2 * 4L);
        assertThat(numbers(PART, 2, playlist)).last().isEqualTo(23L);
        assertThat(numbers(SEGMENT_URI, 1, playlist)).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    void aBlockingReloadIsCompletedOnTheAppendingThreadExactlyWhenThePartExists() throws Exception {
        gop(window, init0, 2, 1_000); // segment 0, parts 0..1
        AtomicInteger calls = new AtomicInteger();
        AtomicReference<Thread> caller = new AtomicReference<>();
        Answer answer = window.reload(new PlaylistQuery(0, 3, false), () -> {
            calls.incrementAndGet();
            caller.set(Thread.currentThread());
        });
        assertThat(answer.outcome()).isEqualTo(Outcome.WAITING);

        window.append(fragment(init0, false, 1_000)); // part 2
        assertThat(calls).hasValue(0);
        Thread appender = new Thread(() -> window.append(fragment(init0, false, 1_000))); // part 3
        appender.start();
        appender.join(10_000);

        assertThat(calls).hasValue(1);
        assertThat(caller.get()).isSameAs(appender);
        assertThat(window.waiterCount()).isZero();
        assertThat(window.reload(new PlaylistQuery(0, 3, false), () -> { }).outcome()).isEqualTo(Outcome.READY);
        assertThat(window.render(PlaylistQuery.PLAIN, "")).contains("part-3.m4s");
    }

    @Test
    void aPartBeyondTheLastOfItsSegmentIsSatisfiedByTheNextSegment() {
        gop(window, init0, 4, 1_000); // segment 0 is 4 s long: the next key frame starts segment 1
        AtomicInteger calls = new AtomicInteger();
        assertThat(window.reload(new PlaylistQuery(0, 5, false), calls::incrementAndGet).outcome())
                .isEqualTo(Outcome.WAITING);
        window.append(fragment(init0, true, 1_000));
        assertThat(calls).hasValue(1);
    }

    @Test
    void aBlockingReloadWithoutPartWaitsForTheCompleteSegment() {
        gop(window, init0, 4, 1_000);
        AtomicInteger calls = new AtomicInteger();
        assertThat(window.reload(new PlaylistQuery(0, -1, false), calls::incrementAndGet).outcome())
                .isEqualTo(Outcome.WAITING);
        window.append(fragment(init0, false, 1_000)); // not a key frame: segment 0 goes on
        assertThat(calls).hasValue(0);
        window.append(fragment(init0, true, 1_000));
        assertThat(calls).hasValue(1);
        assertThat(window.render(PlaylistQuery.PLAIN, "")).contains("seg-0.m4s");
    }

    @Test
    void requestsTooFarAheadAreBadRequests() {
        gop(window, init0, 4, 1_000);
        gop(window, init0, 1, 1_000); // last segment 1, part 0
        Runnable ignored = () -> { };
        assertThat(window.reload(new PlaylistQuery(4, -1, false), ignored).outcome()).isEqualTo(Outcome.BAD_REQUEST);
        assertThat(window.reload(new PlaylistQuery(3, -1, false), ignored).outcome()).isEqualTo(Outcome.WAITING);
        assertThat(window.reload(new PlaylistQuery(1, 4, false), ignored).outcome()).isEqualTo(Outcome.BAD_REQUEST);
        assertThat(window.reload(new PlaylistQuery(1, 3, false), ignored).outcome()).isEqualTo(Outcome.WAITING);
        assertThat(window.reload(new PlaylistQuery(-1, 0, false), ignored).outcome()).isEqualTo(Outcome.BAD_REQUEST);
        assertThatThrownBy(() -> PlaylistQuery.parse(null, "1", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PlaylistQuery.parse("x", null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(PlaylistQuery.parse("3", "1", "YES")).isEqualTo(new PlaylistQuery(3, 1, true));
    }

    @Test
    void waitersAreBoundedAndCancellable() {
        HlsWindow small = new HlsWindow(new HlsWindow.Settings(3, 4_000, 1_000, 1 << 20, 2), clock);
        gop(small, init0, 1, 1_000);
        AtomicInteger calls = new AtomicInteger();
        Answer first = small.reload(new PlaylistQuery(0, 1, false), calls::incrementAndGet);
        small.resource("part-1.m4s", calls::incrementAndGet);
        assertThat(small.reload(new PlaylistQuery(0, 1, false), calls::incrementAndGet).outcome())
                .isEqualTo(Outcome.BUSY);
        assertThat(first.waiter().cancel()).isTrue();
        small.append(fragment(init0, false, 1_000));
        assertThat(calls).hasValue(1);
    }

    @Test
    void thePreloadHintAlwaysNamesTheNextPartWhichIsServedWhenItExists() throws Exception {
        gop(window, init0, 1, 1_000);
        for (int i = 1; i < 12; i++) {
            String hint = preloadHint(window.render(PlaylistQuery.PLAIN, "?t=1"));
            Matcher uri = Pattern.compile("#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"(part-(\\d+)\\.m4s)\\?t=1\"").matcher(hint);
            assertThat(uri.matches()).as(hint).isTrue();
            assertThat(Long.parseLong(uri.group(2))).isEqualTo(i);
            String name = uri.group(1);
            AtomicInteger calls = new AtomicInteger();
            assertThat(window.resource(name, calls::incrementAndGet).outcome()).isEqualTo(Outcome.WAITING);
            Fragment fragment = fragment(init0, i % 3 == 0, 1_000); // sometimes a new segment, sometimes not
            window.append(fragment);
            assertThat(calls).hasValue(1);
            Answer answer = window.resource(name, null);
            assertThat(answer.outcome()).isEqualTo(Outcome.READY);
            assertThat(body(answer)).isEqualTo(fragment.bytes());
        }
        assertThat(window.render(PlaylistQuery.PLAIN, "?t=1")).contains("URI=\"part-12.m4s?t=1\"")
                .contains("URI=\"init-0.mp4?t=1\"").contains("seg-0.m4s?t=1\n");
    }

    @Test
    void aSegmentIsItsPartsInOrderAndTheInitSegmentIsServed() throws Exception {
        List<Fragment> parts = gop(window, init0, 4, 1_000);
        assertThat(window.resource("seg-0.m4s", null).outcome()).isEqualTo(Outcome.WAITING);
        gop(window, init0, 1, 1_000);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (Fragment part : parts) {
            expected.write(part.bytes());
        }
        assertThat(body(window.resource("seg-0.m4s", null))).isEqualTo(expected.toByteArray());
        assertThat(body(window.resource("init-0.mp4", null))).isEqualTo(init0.bytes());
        assertThat(window.resource("init-1.mp4", null).outcome()).isEqualTo(Outcome.NOT_FOUND);
        assertThat(window.resource("../etc/passwd", null).outcome()).isEqualTo(Outcome.NOT_FOUND);
        assertThat(window.resource("seg-9.m4s", null).outcome()).isEqualTo(Outcome.NOT_FOUND);
    }

    @Test
    void aNewInitSegmentMarksADiscontinuityCountedWhenItLeavesTheWindow() throws Exception {
        HlsWindow small = new HlsWindow(new HlsWindow.Settings(3, 4_000, 1_000, 1 << 20, 10), clock);
        gop(small, init0, 4, 1_000);
        gop(small, init0, 2, 1_000); // segment 1 is only 2 s long when the codec changes
        gop(small, init1, 4, 1_000);
        String playlist = small.render(PlaylistQuery.PLAIN, "");
        List<String> lines = lines(playlist);
        int discontinuity = lines.indexOf("#EXT-X-DISCONTINUITY");
        assertThat(discontinuity).isPositive();
        assertThat(lines.get(discontinuity - 1)).isEqualTo("seg-1.m4s");
        assertThat(lines.get(discontinuity + 1)).isEqualTo("#EXT-X-MAP:URI=\"init-1.mp4\"");
        assertThat(tag(playlist, "#EXT-X-DISCONTINUITY-SEQUENCE")).isZero();
        assertThat(body(small.resource("init-1.mp4", null))).isEqualTo(init1.bytes());

        gop(small, init1, 4, 1_000);
        gop(small, init1, 4, 1_000); // segments 0, 1 and then 2 (the discontinuous one) left
        gop(small, init1, 4, 1_000);
        String later = small.render(PlaylistQuery.PLAIN, "");
        assertThat(tag(later, "#EXT-X-MEDIA-SEQUENCE")).isEqualTo(3);
        assertThat(tag(later, "#EXT-X-DISCONTINUITY-SEQUENCE")).isEqualTo(1);
        assertThat(later).doesNotContain("#EXT-X-DISCONTINUITY\n").contains("init-1.mp4").doesNotContain("init-0");
    }

    @Test
    void aDeltaUpdateSkipsOnlySegmentsBeyondTheSkipBoundary() {
        HlsWindow wide = new HlsWindow(new HlsWindow.Settings(20, 1_000, 500, 1 << 20, 10), clock);
        for (int i = 0; i < 12; i++) {
            gop(wide, init0, 2, 500); // 1 s segments, the 12th still open
        }
        String full = wide.render(new PlaylistQuery(-1, -1, false), "");
        String delta = wide.render(new PlaylistQuery(-1, -1, true), "");

        long targetDuration = tag(delta, "#EXT-X-TARGETDURATION");
        double boundaryS = 6.0 * targetDuration;
        assertThat(delta).contains("CAN-SKIP-UNTIL=" + MediaPlaylistWriter.seconds(boundaryS * 1_000));
        Matcher skip = Pattern.compile("#EXT-X-SKIP:SKIPPED-SEGMENTS=(\\d+)\n").matcher(delta);
        assertThat(skip.find()).as(delta).isTrue();
        long skipped = Long.parseLong(skip.group(1));
        // segment k (1 s each from 0) may be skipped if it ends at least the boundary before the 12 s end
        long expectedSkipped = (long) (12 - boundaryS);
        assertThat(skipped).isEqualTo(expectedSkipped);
        assertThat(tag(delta, "#EXT-X-VERSION")).isEqualTo(9);
        assertThat(tag(delta, "#EXT-X-MEDIA-SEQUENCE")).isEqualTo(tag(full, "#EXT-X-MEDIA-SEQUENCE"));
        List<Long> listed = numbers(SEGMENT_URI, 1, delta);
        assertThat(listed).first().isEqualTo(skipped);
        assertThat(listed.size() + skipped).isEqualTo(numbers(SEGMENT_URI, 1, full).size());
        assertThat(delta).contains("#EXT-X-MAP:URI=\"init-0.mp4\"");
        assertThat(full).doesNotContain("#EXT-X-SKIP");

        String shortDelta = window.render(new PlaylistQuery(-1, -1, true), ""); // nothing there to skip
        assertThat(shortDelta).doesNotContain("#EXT-X-SKIP");
    }

    @Test
    void programDateTimeFollowsTheMediaTimeFromTheClockAtTheFirstSegment() {
        gop(window, init0, 4, 1_000);
        gop(window, init0, 4, 1_000);
        String playlist = window.render(PlaylistQuery.PLAIN, "");
        // the clock stands still: the first segment's last part, over when it arrived, was live 4 s after its first
        Instant first = clock.instant().minusSeconds(4);
        assertThat(playlist).contains("#EXT-X-PROGRAM-DATE-TIME:" + first)
                .contains("#EXT-X-PROGRAM-DATE-TIME:" + first.plusSeconds(4));
    }

    @Test
    void aMuxerStartingFromTheCachedGopDatesItByTheFirstLivePart() {
        MutableClock wall = new MutableClock(Instant.parse("2026-01-02T03:04:05Z"));
        HlsWindow started = new HlsWindow(HlsWindow.Settings.DEFAULT, wall);
        gop(started, init0, 4, 1_000); // the cached GOP: 4 s of media handed over at once
        wall.advance(Duration.ofSeconds(1));
        started.append(fragment(init0, false, 1_000)); // live: media up to 5 s was live at 03:04:06
        Instant firstSampleLive = Instant.parse("2026-01-02T03:04:01Z");
        assertThat(started.render(PlaylistQuery.PLAIN, "")).contains("#EXT-X-PROGRAM-DATE-TIME:" + firstSampleLive);

        wall.advance(Duration.ofSeconds(4));
        gop(started, init0, 4, 1_000); // the second segment fixes the dates, even for parts that come late
        wall.advance(Duration.ofSeconds(60));
        started.append(fragment(init0, false, 1_000));
        assertThat(started.render(PlaylistQuery.PLAIN, "")).contains("#EXT-X-PROGRAM-DATE-TIME:" + firstSampleLive)
                .contains("#EXT-X-PROGRAM-DATE-TIME:" + firstSampleLive.plusSeconds(5));
    }

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void theEndCompletesTheLastSegmentAndReleasesEveryWaiter() {
        gop(window, init0, 2, 1_000);
        AtomicInteger calls = new AtomicInteger();
        window.reload(new PlaylistQuery(1, -1, false), calls::incrementAndGet);
        window.resource("part-2.m4s", calls::incrementAndGet);
        window.end();
        assertThat(calls).hasValue(2);
        String playlist = window.render(PlaylistQuery.PLAIN, "");
        assertThat(playlist).endsWith("seg-0.m4s\n#EXT-X-ENDLIST\n").doesNotContain("PRELOAD-HINT");
        assertThat(window.resource("part-2.m4s", null).outcome()).isEqualTo(Outcome.NOT_FOUND);
        assertThatThrownBy(() -> window.append(fragment(init0, true, 1_000))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aPlainRequestWaitsOnlyForTheFirstPart() {
        AtomicInteger calls = new AtomicInteger();
        assertThat(window.reload(PlaylistQuery.PLAIN, calls::incrementAndGet).outcome()).isEqualTo(Outcome.WAITING);
        gop(window, init0, 1, 1_000);
        assertThat(calls).hasValue(1);
        assertThat(window.reload(PlaylistQuery.PLAIN, calls::incrementAndGet).outcome()).isEqualTo(Outcome.READY);
        assertThatThrownBy(() -> window.render(PlaylistQuery.PLAIN, "\"\n#EXT-X-ENDLIST"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPlaylistIsRenderedOnceBetweenTwoChangesAndAgainAfterEach() {
        gop(window, init0, 2, 1_000);
        String full = window.render(PlaylistQuery.PLAIN, "");
        assertThat(window.render(PlaylistQuery.PLAIN, "")).isSameAs(full);
        assertThat(window.render(PlaylistQuery.PLAIN, "?token=a")).contains("part-0.m4s?token=a")
                .isNotEqualTo(full);

        window.append(fragment(init0, false, 1_000));
        assertThat(window.render(PlaylistQuery.PLAIN, "")).contains("part-2.m4s").isNotSameAs(full);
        window.end();
        assertThat(window.render(PlaylistQuery.PLAIN, "")).endsWith("#EXT-X-ENDLIST\n");
    }

    @Test
    void secondsHaveExactlyThreeDecimalsRoundedHalfUp() {
        assertThat(MediaPlaylistWriter.seconds(23.2199)).isEqualTo("0.023");
        assertThat(MediaPlaylistWriter.seconds(200)).isEqualTo("0.200");
        assertThat(MediaPlaylistWriter.seconds(2_000)).isEqualTo("2.000");
        assertThat(MediaPlaylistWriter.seconds(12_345.5)).isEqualTo("12.346");
        assertThat(MediaPlaylistWriter.seconds(1_999.6)).isEqualTo("2.000");
        assertThat(MediaPlaylistWriter.seconds(0)).isEqualTo("0.000");
    }
}
