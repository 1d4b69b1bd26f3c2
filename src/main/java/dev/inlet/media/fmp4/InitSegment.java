package dev.inlet.media.fmp4;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A CMAF-style initialisation segment (ISO/IEC 14496-12 section 8.16 and ISO/IEC 23000-19 section 7.3.1): {@code ftyp}
 * then a {@code moov} with {@code mvhd}, one {@code trak} per track (tkhd, mdia with mdhd, hdlr, minf with vmhd or
 * smhd, dinf and an stbl whose sample tables are empty) and an {@code mvex} with a {@code trex} per track: the
 * samples are all in the fragments that follow.
 *
 * <p>The video track is always track 1 and the audio track 2, in every init segment of a stream, so fragments and
 * init segments stay consistent across a change. The {@code cmfc} brand is claimed only with a single track: CMAF
 * wants one track per file, and a muxed audio+video init is what HLS players (hls.js, Safari, ffmpeg) read as one
 * rendition.
 *
 * @param version the stream's count of init segments before this one (0 first): a name for the playlist's EXT-X-MAP
 * @param bytes   the segment; shared, never modify it
 */
public record InitSegment(int version, TrackFormat video, TrackFormat audio, byte[] bytes) {

    public static final int VIDEO_TRACK_ID = 1;
    public static final int AUDIO_TRACK_ID = 2;
    static final int MOVIE_TIMESCALE = 1000;
    /** ISO 639-2/T "und" packed as three 5-bit letters (section 8.4.2.3). */
    private static final int LANGUAGE_UNDETERMINED = ('u' - 0x60) << 10 | ('n' - 0x60) << 5 | ('d' - 0x60);
    private static final int TRACK_ENABLED_IN_MOVIE = 0x000003;

    public InitSegment {
        Objects.requireNonNull(bytes, "bytes");
        if (video == null && audio == null) {
            throw new IllegalArgumentException("an init segment needs a track");
        }
        if (video != null && !video.isVideo() || audio != null && audio.isVideo()) {
            throw new IllegalArgumentException("video " + video + " and audio " + audio + " are swapped");
        }
    }

    /** Writes the init segment of {@code video} and {@code audio} (either may be null, not both). */
    public static InitSegment of(int version, TrackFormat video, TrackFormat audio) {
        if (video != null && !video.complete()) {
            throw new IllegalArgumentException(video + " lacks its picture size (no key frame yet)");
        }
        List<TrackFormat> tracks = new ArrayList<>(2);
        if (video != null) {
            tracks.add(video);
        }
        if (audio != null) {
            tracks.add(audio);
        }
        BoxWriter out = new BoxWriter(1024);
        out.begin("ftyp").fourCc("iso6").u32(0).fourCc("iso6");
        if (tracks.size() == 1) {
            out.fourCc("cmfc");
        }
        out.end();
        out.begin("moov");
        writeMovieHeader(out);
        for (TrackFormat track : tracks) {
            writeTrack(out, track);
        }
        out.begin("mvex");
        for (TrackFormat track : tracks) {
            out.beginFull("trex", 0, 0).u32(trackId(track)).u32(1).u32(0).u32(0).u32(0).end();
        }
        out.end();
        out.end();
        return new InitSegment(version, video, audio, out.toByteArray());
    }

    /** The track_ID of a track in every init segment and fragment. */
    public static int trackId(TrackFormat track) {
        return track.isVideo() ? VIDEO_TRACK_ID : AUDIO_TRACK_ID;
    }

    public Optional<TrackFormat> videoTrack() {
        return Optional.ofNullable(video);
    }

    public Optional<TrackFormat> audioTrack() {
        return Optional.ofNullable(audio);
    }

    /** The RFC 6381 codecs of the tracks, video first, comma-separated: an HLS CODECS attribute. */
    public String codecs() {
        return video == null ? audio.codecs() : audio == null ? video.codecs() : video.codecs() + "," + audio.codecs();
    }

    private static void writeMovieHeader(BoxWriter out) {
        out.beginFull("mvhd", 0, 0);
        out.u32(0).u32(0).u32(MOVIE_TIMESCALE).u32(0); // creation, modification, timescale, duration (unknown: live)
        out.u32(0x0001_0000).u16(0x0100).zeros(10); // rate 1.0, volume 1.0, reserved
        out.unityMatrix();
        out.zeros(24); // pre_defined[6]
        out.u32(AUDIO_TRACK_ID + 1); // next_track_ID
        out.end();
    }

    private static void writeTrack(BoxWriter out, TrackFormat track) {
        boolean video = track.isVideo();
        out.begin("trak");
        out.beginFull("tkhd", 0, TRACK_ENABLED_IN_MOVIE);
        out.u32(0).u32(0).u32(trackId(track)).u32(0).u32(0); // creation, modification, track_ID, reserved, duration
        out.zeros(8).u16(0).u16(0); // reserved, layer, alternate_group
        out.u16(video ? 0 : 0x0100).u16(0); // volume, reserved
        out.unityMatrix();
        out.u32((long) track.width() << 16).u32((long) track.height() << 16); // 16.16
        out.end();
        out.begin("mdia");
        out.beginFull("mdhd", 0, 0).u32(0).u32(0).u32(track.timescale()).u32(0)
                .u16(LANGUAGE_UNDETERMINED).u16(0).end();
        out.beginFull("hdlr", 0, 0).u32(0).fourCc(track.handlerType()).zeros(12)
                .bytes((video ? "VideoHandler" : "SoundHandler").getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .u8(0).end();
        out.begin("minf");
        if (video) {
            out.beginFull("vmhd", 0, 1).u16(0).zeros(6).end(); // graphicsmode copy, opcolor
        } else {
            out.beginFull("smhd", 0, 0).u16(0).u16(0).end(); // balance, reserved
        }
        out.begin("dinf").beginFull("dref", 0, 0).u32(1).beginFull("url ", 0, 1).end().end().end(); // media in this file
        out.begin("stbl");
        out.beginFull("stsd", 0, 0).u32(1);
        track.writeSampleEntry(out);
        out.end();
        out.beginFull("stts", 0, 0).u32(0).end();
        out.beginFull("stsc", 0, 0).u32(0).end();
        out.beginFull("stsz", 0, 0).u32(0).u32(0).end();
        out.beginFull("stco", 0, 0).u32(0).end();
        out.end(); // stbl
        out.end(); // minf
        out.end(); // mdia
        out.end(); // trak
    }

    @Override
    public String toString() {
        return "InitSegment[version=" + version + ", " + codecs() + ", " + bytes.length + " bytes]";
    }
}
