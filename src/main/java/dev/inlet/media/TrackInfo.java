package dev.inlet.media;

/**
 * One line of a stream's track panel: what an audio or video track carries, as read from its decoder configuration
 * and measured from its frames. Numbers that are unknown (or do not apply to the track type) are 0.
 *
 * @param trackId     the Enhanced RTMP track id (0 for the default track and for legacy streams)
 * @param type        {@code VIDEO} or {@code AUDIO}
 * @param codec       {@code h264}, {@code h265}, {@code av1}, {@code vp9}, {@code aac}, {@code opus}, {@code mp3},
 *                    a legacy FLV format name, or the FourCC (or {@code unknown}) for a codec Inlet cannot identify
 * @param profile     the codec's profile ({@code High}, {@code Main 10}, {@code LC}, {@code HE-AAC}, ...), or empty
 * @param width       picture width in pixels
 * @param height      picture height in pixels
 * @param frameRate   frames per second: as signalled in the configuration, else measured from the timestamps
 * @param bitDepth    bits per sample of the picture
 * @param sampleRate  audio output sampling frequency in Hz
 * @param channels    audio channels
 * @param bitrateKbps the track's bitrate over the recent sliding window; decays to 0 when the input stops
 */
public record TrackInfo(int trackId, Type type, String codec, String profile, int width, int height, double frameRate,
                        int bitDepth, int sampleRate, int channels, long bitrateKbps) {

    public enum Type { VIDEO, AUDIO }
}
