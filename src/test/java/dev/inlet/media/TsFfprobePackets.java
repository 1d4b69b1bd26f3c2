package dev.inlet.media;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What ffprobe said about a fixture's packets, committed next to it ({@code <fixture>.ffprobe.csv}, made with
 * {@code ffprobe -v error -show_packets -show_entries packet=stream_index,pts,dts,flags -of csv=p=0}): stream index,
 * PTS, DTS (90 kHz) and flags, in file order.
 */
record TsFfprobePackets(List<Row> rows) {

    record Row(int streamIndex, long pts, long dts, boolean keyframe) {
        long ptsMillis() {
            return Math.floorDiv(pts, 90);
        }

        long dtsMillis() {
            return Math.floorDiv(dts, 90);
        }
    }

    static TsFfprobePackets of(String fixture) {
        List<Row> rows = new ArrayList<>();
        for (String line : new String(TsRecording.fixture(fixture), StandardCharsets.US_ASCII).split("\n")) {
            String[] fields = line.trim().split(",");
            if (fields.length >= 4) {
                rows.add(new Row(Integer.parseInt(fields[0]), Long.parseLong(fields[1]), Long.parseLong(fields[2]),
                        fields[3].startsWith("K")));
            }
        }
        return new TsFfprobePackets(List.copyOf(rows));
    }

    List<Row> ofStream(int streamIndex) {
        return rows.stream().filter(row -> row.streamIndex() == streamIndex).toList();
    }
}
