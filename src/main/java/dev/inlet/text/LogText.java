package dev.inlet.text;

/**
 * Makes a peer-supplied string safe for a log line, an event or an API answer: control characters (line breaks
 * that could forge log lines, terminal escapes) become {@code \\uXXXX}, and it is cut to a bounded length.
 */
public final class LogText {

    public static final int MAX_CHARS = 256;

    private LogText() {
    }

    public static String of(String text) {
        if (text == null) {
            return "";
        }
        int length = Math.min(text.length(), MAX_CHARS);
        StringBuilder out = null;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            boolean unsafe = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
            if (unsafe && out == null) {
                out = new StringBuilder(length + 16).append(text, 0, i);
            }
            if (out != null) {
                if (unsafe) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
        String safe = out == null ? text.substring(0, length) : out.toString();
        return text.length() > MAX_CHARS ? safe + "…" : safe;
    }
}
