package dev.inlet.api.webhook;

import java.util.Map;
import java.util.Optional;

/**
 * Just enough JSON for webhooks: writes flat objects and reads one top-level string field from a
 * receiver's answer. Kept here so the webhook code runs without a JSON-B provider (plain unit tests).
 */
final class JsonText {

    private static final int MAX_DEPTH = 32;

    private JsonText() {
    }

    /** A JSON object of the map's entries in order; values are strings, numbers, booleans or null. */
    static String object(Map<String, ?> fields) {
        StringBuilder out = new StringBuilder(128).append('{');
        boolean first = true;
        for (Map.Entry<String, ?> field : fields.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(out, field.getKey());
            out.append(':');
            Object value = field.getValue();
            if (value == null) {
                out.append("null");
            } else if (value instanceof Number || value instanceof Boolean) {
                out.append(value);
            } else {
                string(out, value.toString());
            }
        }
        return out.append('}').toString();
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** The string value of {@code name} in a top-level JSON object, if the text is one and has it. */
    static Optional<String> stringField(String json, String name) {
        try {
            Reader reader = new Reader(json);
            return Optional.ofNullable(reader.findInObject(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A small recursive-descent reader; anything malformed is an IllegalArgumentException. */
    private static final class Reader {
        private final String text;
        private int pos;

        Reader(String text) {
            this.text = text;
        }

        String findInObject(String name) {
            skipSpace();
            expect('{');
            String found = null;
            skipSpace();
            if (peek() == '}') {
                return null;
            }
            while (true) {
                skipSpace();
                String key = readString();
                skipSpace();
                expect(':');
                skipSpace();
                if (key.equals(name) && peek() == '"' && found == null) {
                    found = readString();
                } else {
                    skipValue(1);
                }
                skipSpace();
                char c = next();
                if (c == '}') {
                    return found;
                }
                if (c != ',') {
                    throw new IllegalArgumentException("expected , or }");
                }
            }
        }

        private void skipValue(int depth) {
            if (depth > MAX_DEPTH) {
                throw new IllegalArgumentException("nested too deeply");
            }
            char c = peek();
            if (c == '"') {
                readString();
            } else if (c == '{' || c == '[') {
                char close = c == '{' ? '}' : ']';
                pos++;
                skipSpace();
                if (peek() == close) {
                    pos++;
                    return;
                }
                while (true) {
                    skipSpace();
                    if (close == '}') {
                        readString();
                        skipSpace();
                        expect(':');
                        skipSpace();
                    }
                    skipValue(depth + 1);
                    skipSpace();
                    char separator = next();
                    if (separator == close) {
                        return;
                    }
                    if (separator != ',') {
                        throw new IllegalArgumentException("expected , or " + close);
                    }
                }
            } else {
                int start = pos;
                while (pos < text.length() && "+-.0123456789eEtruefalsn".indexOf(text.charAt(pos)) >= 0) {
                    pos++;
                }
                if (pos == start) {
                    throw new IllegalArgumentException("unexpected character");
                }
            }
        }

        private String readString() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char escaped = next();
                switch (escaped) {
                    case '"', '\\', '/' -> out.append(escaped);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            throw new IllegalArgumentException("short \\u escape");
                        }
                        try {
                            out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("bad \\u escape");
                        }
                        pos += 4;
                    }
                    default -> throw new IllegalArgumentException("bad escape");
                }
            }
        }

        private void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private char peek() {
            if (pos >= text.length()) {
                throw new IllegalArgumentException("unexpected end");
            }
            return text.charAt(pos);
        }

        private char next() {
            char c = peek();
            pos++;
            return c;
        }

        private void expect(char c) {
            if (next() != c) {
                throw new IllegalArgumentException("expected " + c);
            }
        }
    }
}
