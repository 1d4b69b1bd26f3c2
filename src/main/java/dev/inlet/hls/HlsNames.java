package dev.inlet.hls;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The relative URIs of a stream's playlist: {@code init-<version>.mp4}, {@code seg-<msn>.m4s} and
 * {@code part-<n>.m4s}. A part is named by its number in the whole stream, not by its segment, so the preload hint can
 * name the next part before anyone knows whether it starts a new segment.
 */
public final class HlsNames {

    /** What a name asks for. */
    public enum Kind { INIT, SEGMENT, PART }

    /** A parsed name: the kind and its number (init version, media sequence number or part number). */
    public record Name(Kind kind, long number) {
    }

    private static final Pattern NAME = Pattern.compile("(init|seg|part)-(\\d{1,18})\\.(mp4|m4s)");

    private HlsNames() {
    }

    public static String init(int version) {
        return "init-" + version + ".mp4";
    }

    public static String segment(long msn) {
        return "seg-" + msn + ".m4s";
    }

    public static String part(long number) {
        return "part-" + number + ".m4s";
    }

    /** The name's meaning, or null if it is none of ours. */
    public static Name parse(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            return null;
        }
        Kind kind = switch (m.group(1)) {
            case "init" -> Kind.INIT;
            case "seg" -> Kind.SEGMENT;
            default -> Kind.PART;
        };
        if ((kind == Kind.INIT) != m.group(3).equals("mp4")) {
            return null;
        }
        long number = Long.parseLong(m.group(2));
        if (kind == Kind.INIT && number > Integer.MAX_VALUE) {
            return null;
        }
        return new Name(kind, number);
    }
}
