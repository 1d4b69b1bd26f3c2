package dev.inlet.hls;

import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Writes a window's media playlist text; used under the window's lock. */
final class MediaPlaylistWriter {

    /** The RFC asks for at least six target durations (section 4.4.3.8). */
    static final int SKIP_TARGET_DURATIONS = 6;
    /** Parts are listed for segments within this many target durations of the live edge (section 4.4.4.9). */
    static final int PART_TARGET_DURATIONS = 3;
    /** PART-HOLD-BACK: at least three part targets (section 4.4.3.8). */
    static final double PART_HOLD_BACK_PARTS = 3;
    /** EXT-X-SKIP needs version 9 (section 7); EXT-X-MAP in a playlist without I-frames needs 6. */
    static final int DELTA_VERSION = 9;
    static final int FULL_VERSION = 6;
    private static final Pattern SUFFIX = Pattern.compile("(\\?[A-Za-z0-9._~%=&+-]*)?");

    private final HlsWindow window;
    private final String suffix;
    private final StringBuilder out = new StringBuilder(2048);

    MediaPlaylistWriter(HlsWindow window, String uriSuffix) {
        if (uriSuffix == null || !SUFFIX.matcher(uriSuffix).matches()) {
            throw new IllegalArgumentException("a URI suffix is empty or a query of URI characters starting with ?");
        }
        this.window = window;
        this.suffix = uriSuffix;
    }

    String write(boolean skipWanted) {
        List<HlsSegment> segments = window.segmentsLocked();
        long targetDuration = window.targetDurationLocked();
        double partTargetMs = window.partTargetMsLocked();
        double skipBoundaryMs = SKIP_TARGET_DURATIONS * targetDuration * 1_000.0;
        double partsBoundaryMs = PART_TARGET_DURATIONS * targetDuration * 1_000.0;
        double totalMs = 0;
        for (HlsSegment segment : segments) {
            totalMs += segment.durationMs;
        }
        int skipped = skipWanted ? skippable(segments, totalMs, skipBoundaryMs) : 0;

        line("#EXTM3U");
        line("#EXT-X-VERSION:" + (skipped > 0 ? DELTA_VERSION : FULL_VERSION));
        line("#EXT-X-TARGETDURATION:" + targetDuration);
        line("#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=" + seconds(PART_HOLD_BACK_PARTS * partTargetMs)
                + ",CAN-SKIP-UNTIL=" + seconds(skipBoundaryMs));
        line("#EXT-X-PART-INF:PART-TARGET=" + seconds(partTargetMs));
        line("#EXT-X-MEDIA-SEQUENCE:" + (segments.isEmpty() ? 0 : segments.get(0).msn));
        line("#EXT-X-DISCONTINUITY-SEQUENCE:" + window.discontinuitySequenceLocked());
        if (skipped > 0) {
            line("#EXT-X-SKIP:SKIPPED-SEGMENTS=" + skipped);
        }
        double startMs = 0;
        for (int i = 0; i < segments.size(); i++) {
            HlsSegment segment = segments.get(i);
            double endMs = startMs + segment.durationMs;
            if (i >= skipped) {
                segment(segment, i == skipped || segment.init != segments.get(i - 1).init,
                        totalMs - endMs <= partsBoundaryMs || !segment.complete);
            }
            startMs = endMs;
        }
        if (window.endedLocked()) {
            line("#EXT-X-ENDLIST");
        } else if (!segments.isEmpty()) {
            line("#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"" + HlsNames.part(window.nextPartLocked()) + suffix + "\"");
        }
        return out.toString();
    }

    /** The oldest segments that end at least the skip boundary before the end of the playlist (section 6.2.5.1). */
    private static int skippable(List<HlsSegment> segments, double totalMs, double skipBoundaryMs) {
        int skipped = 0;
        double endMs = 0;
        for (HlsSegment segment : segments) {
            endMs += segment.durationMs;
            if (!segment.complete || totalMs - endMs < skipBoundaryMs) {
                break;
            }
            skipped++;
        }
        return skipped;
    }

    private void segment(HlsSegment segment, boolean map, boolean listParts) {
        if (segment.discontinuity) {
            line("#EXT-X-DISCONTINUITY");
        }
        if (map) {
            line("#EXT-X-MAP:URI=\"" + HlsNames.init(segment.init.version()) + suffix + "\"");
        }
        line("#EXT-X-PROGRAM-DATE-TIME:"
                + DateTimeFormatter.ISO_INSTANT.format(segment.programDateTime().truncatedTo(ChronoUnit.MILLIS)));
        if (listParts) {
            for (HlsSegment.Part part : segment.parts) {
                out.append("#EXT-X-PART:DURATION=").append(seconds(part.fragment().durationMs()))
                        .append(",URI=\"").append(HlsNames.part(part.number())).append(suffix).append('"');
                if (part.fragment().independent()) {
                    out.append(",INDEPENDENT=YES");
                }
                out.append('\n');
            }
        }
        if (segment.complete) {
            line("#EXTINF:" + seconds(segment.durationMs) + ",");
            line(HlsNames.segment(segment.msn) + suffix);
        }
    }

    private void line(String text) {
        out.append(text).append('\n');
    }

    /** Milliseconds as decimal seconds, to the millisecond (section 4.2 decimal-floating-point). */
    static String seconds(double ms) {
        long millis = Math.round(ms); // String.format did the same, at many times the cost per part line
        if (millis < 0) {
            return String.format(Locale.ROOT, "%.3f", ms / 1_000);
        }
        long fraction = millis % 1_000;
        return (millis / 1_000) + (fraction < 10 ? ".00" : fraction < 100 ? ".0" : ".") + fraction;
    }
}
