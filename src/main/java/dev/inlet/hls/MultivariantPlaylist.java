package dev.inlet.hls;

import dev.inlet.media.fmp4.InitSegment;
import dev.inlet.media.fmp4.TrackFormat;

import java.util.Locale;

/** The multivariant playlist of a live stream: its one rendition, described so that a player can choose it. */
final class MultivariantPlaylist {

    private MultivariantPlaylist() {
    }

    /**
     * @param init          the init segment of the latest media (its codecs and resolution)
     * @param bitsPerSecond the peak rate of the media playlist's segments (BANDWIDTH must not be 0: at least 1)
     * @param frameRate     frames per second, or 0 when unknown
     * @param mediaUri      the media playlist's URI, relative to this one
     */
    static String render(InitSegment init, long bitsPerSecond, double frameRate, String mediaUri) {
        StringBuilder out = new StringBuilder(256);
        out.append("#EXTM3U\n#EXT-X-VERSION:9\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        out.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(Math.max(1, bitsPerSecond));
        out.append(",CODECS=\"").append(init.codecs()).append('"');
        TrackFormat video = init.videoTrack().orElse(null);
        if (video != null && video.width() > 0 && video.height() > 0) {
            out.append(",RESOLUTION=").append(video.width()).append('x').append(video.height());
        }
        if (frameRate > 0) {
            out.append(",FRAME-RATE=").append(String.format(Locale.ROOT, "%.3f", frameRate));
        }
        out.append('\n').append(mediaUri).append('\n');
        return out.toString();
    }
}
