package dev.inlet.relay;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where a relay pushes: {@code rtmp://host[:port]/app[/more]} (port 1935) or {@code rtmps://…} (port 443). The path is
 * the application (YouTube's {@code live2}, Twitch's {@code app}); the stream key is kept apart, as a secret.
 */
public record RelayUrl(boolean tls, String host, int port, String app) {

    public static final int MAX_LENGTH = 500;

    /** Parses and validates an administrator's URL; the message of the exception says what is wrong. */
    public static RelayUrl parse(String url) {
        if (url == null || url.isBlank() || url.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a relay URL is rtmp://host[:port]/app or rtmps://…, at most "
                    + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("rtmp") && !scheme.equals("rtmps")) {
            throw new IllegalArgumentException("a relay URL starts with rtmp:// or rtmps://");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("a relay URL names a host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("put the stream key in \"key\", not in the URL");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.isEmpty()) {
            throw new IllegalArgumentException("a relay URL names the application, as in rtmp://host/live");
        }
        boolean tls = scheme.equals("rtmps");
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 1935;
        return new RelayUrl(tls, uri.getHost(), port, path);
    }

    /** The URL as an administrator reads it (the key is never part of it). */
    @Override
    public String toString() {
        return (tls ? "rtmps://" : "rtmp://") + host + ":" + port + "/" + app;
    }
}
