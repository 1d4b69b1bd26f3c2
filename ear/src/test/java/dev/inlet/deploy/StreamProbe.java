package dev.inlet.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the codec of every stream from {@code ffprobe -show_streams -of json} output. */
final class StreamProbe {

    // ffprobe writes one "codec_name" per stream object; no JSON library is needed for that one key.
    private static final Pattern CODEC_NAME = Pattern.compile("\"codec_name\"\\s*:\\s*\"([^\"]*)\"");

    private StreamProbe() {
    }

    static List<String> codecNames(String ffprobeJson) {
        List<String> names = new ArrayList<>();
        Matcher matcher = CODEC_NAME.matcher(ffprobeJson);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
