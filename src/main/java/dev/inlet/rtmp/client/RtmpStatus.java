package dev.inlet.rtmp.client;

/** A status the server answered with ({@code onStatus}, {@code _result} or {@code _error} info object). */
public record RtmpStatus(String level, String code, String description) {

    public boolean isError() {
        return "error".equals(level);
    }
}
