package dev.inlet.srt;

import dev.inlet.text.LogText;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an SRT caller asks for, read from its stream id ({@code SRTO_STREAMID}, at most 512 bytes).
 *
 * <p>Accepted forms:
 * <ul>
 *   <li>SRT access-control syntax {@code #!::r=<resource>,m=publish|request,t=<token>}: comma-separated
 *       {@code key=value} pairs; {@code m} defaults to publish; the standard keys {@code u}, {@code s} and {@code h}
 *       are allowed and ignored, as is any other key (encoders add their own). {@code t} carries Inlet's token for
 *       private streams (the convention's "type" meaning is not used).</li>
 *   <li>{@code publish:<key>} and {@code read:<stream>}.</li>
 *   <li>a bare {@code <key>}, which publishes.</li>
 * </ul>
 * In every form a leading {@code live/} (the RTMP application name) is removed from the resource, and a
 * {@code ?token=<token>} suffix on the resource carries the token.
 *
 * @param resource the stream key (publish) or the stream (request); never empty
 * @param token the token for a private stream, if the caller gave one
 */
public record SrtStreamId(Mode mode, String resource, Optional<String> token) {

    /** libsrt's limit for {@code SRTO_STREAMID}. */
    public static final int MAX_LENGTH = 512;

    private static final String ACCESS_CONTROL_PREFIX = "#!::";
    private static final String PUBLISH_PREFIX = "publish:";
    private static final String READ_PREFIX = "read:";
    private static final String APPLICATION_PREFIX = "live/";
    private static final String TOKEN_SUFFIX = "?token=";

    /** The caller's direction. */
    public enum Mode {
        /** The caller sends a stream (m=publish). */
        PUBLISH,
        /** The caller wants to receive a stream (m=request). */
        REQUEST
    }

    public SrtStreamId {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(token, "token");
    }

    /**
     * Reads a caller's stream id.
     *
     * @param raw the stream id as libsrt delivered it; {@code null} or empty when the caller set none
     * @throws InvalidStreamIdException when it is empty, too long or not in one of the accepted forms
     */
    public static SrtStreamId parse(String raw) throws InvalidStreamIdException {
        if (raw == null || raw.isEmpty()) {
            throw invalid("no stream id (set streamid to publish:<key>)");
        }
        if (raw.length() > MAX_LENGTH) {
            throw invalid("stream id longer than " + MAX_LENGTH + " characters");
        }
        if (raw.startsWith(ACCESS_CONTROL_PREFIX)) {
            return parseAccessControl(raw);
        }
        if (raw.startsWith(PUBLISH_PREFIX)) {
            return withResource(Mode.PUBLISH, raw.substring(PUBLISH_PREFIX.length()), null, raw);
        }
        if (raw.startsWith(READ_PREFIX)) {
            return withResource(Mode.REQUEST, raw.substring(READ_PREFIX.length()), null, raw);
        }
        if (raw.indexOf(':') >= 0) {
            throw invalid("unknown stream id form: " + LogText.of(raw));
        }
        return withResource(Mode.PUBLISH, raw, null, raw);
    }

    private static SrtStreamId parseAccessControl(String raw) throws InvalidStreamIdException {
        String body = raw.substring(ACCESS_CONTROL_PREFIX.length());
        if (body.startsWith("{")) {
            throw invalid("nested access-control stream ids are not supported: " + LogText.of(raw));
        }
        Map<String, String> values = new HashMap<>();
        for (String pair : body.split(",", -1)) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw invalid("expected key=value in stream id: " + LogText.of(raw));
            }
            String key = pair.substring(0, equals);
            if (values.putIfAbsent(key, pair.substring(equals + 1)) != null) {
                throw invalid("key '" + LogText.of(key) + "' repeated in stream id: " + LogText.of(raw));
            }
        }
        String resource = values.get("r");
        if (resource == null) {
            throw invalid("no r=<key> in stream id: " + LogText.of(raw));
        }
        return withResource(mode(values.get("m"), raw), resource, values.get("t"), raw);
    }

    private static Mode mode(String value, String raw) throws InvalidStreamIdException {
        if (value == null || value.equals("publish")) {
            return Mode.PUBLISH;
        }
        if (value.equals("request")) {
            return Mode.REQUEST;
        }
        throw new InvalidStreamIdException(SrtRejectReason.BAD_MODE,
                "mode m=" + LogText.of(value) + " not supported (publish or request): " + LogText.of(raw));
    }

    private static SrtStreamId withResource(Mode mode, String resource, String token, String raw)
            throws InvalidStreamIdException {
        int suffix = resource.indexOf('?');
        if (suffix >= 0) {
            if (!resource.startsWith(TOKEN_SUFFIX, suffix)) {
                throw invalid("only ?token= may follow the stream name: " + LogText.of(raw));
            }
            if (token != null) {
                throw invalid("two tokens in stream id: " + LogText.of(raw));
            }
            token = resource.substring(suffix + TOKEN_SUFFIX.length());
            resource = resource.substring(0, suffix);
        }
        if (resource.startsWith(APPLICATION_PREFIX)) {
            resource = resource.substring(APPLICATION_PREFIX.length());
        }
        if (resource.isEmpty()) {
            throw invalid("no stream key in stream id: " + LogText.of(raw));
        }
        if (!printable(resource)) {
            throw invalid("stream key with spaces or control characters: " + LogText.of(raw));
        }
        if (token != null && (token.isEmpty() || !printable(token))) {
            throw invalid("empty or unprintable token in stream id: " + LogText.of(raw));
        }
        return new SrtStreamId(mode, resource, Optional.ofNullable(token));
    }

    private static boolean printable(String text) {
        return text.codePoints().allMatch(c -> c > ' ' && !Character.isISOControl(c) && !Character.isWhitespace(c));
    }

    private static InvalidStreamIdException invalid(String message) {
        return new InvalidStreamIdException(SrtRejectReason.BAD_REQUEST, message);
    }

    /** The stream id without its token, for logs. */
    @Override
    public String toString() {
        return mode.name().toLowerCase(java.util.Locale.ROOT) + ":" + LogText.of(resource)
                + (token.isPresent() ? " (with token)" : "");
    }
}
