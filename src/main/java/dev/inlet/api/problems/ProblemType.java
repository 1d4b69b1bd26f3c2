package dev.inlet.api.problems;

/** The kinds of problem the API reports, each with its HTTP status. */
public enum ProblemType {
    INVALID_REQUEST("invalid-request", "The request is invalid", 400),
    UNAUTHENTICATED("unauthenticated", "Authentication required", 401),
    FORBIDDEN("forbidden", "Not allowed for your role", 403),
    NOT_FOUND("not-found", "Not found", 404),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", 405),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", 406),
    CONFLICT("conflict", "Conflict", 409),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", 415),
    RANGE_NOT_SATISFIABLE("range-not-satisfiable", "Range not satisfiable", 416),
    INTERNAL("internal", "Internal server error", 500),
    PLAY_REFUSED("play-refused", "Playback refused", 403),
    PLAYER_LIMIT("player-limit", "Player limit reached", 503),
    UNAVAILABLE("unavailable", "Service unavailable, try again later", 503),
    LOGIN_BLOCKED("login-blocked", "Too many failed logins from your address", 429),
    LOGIN_BUSY("login-busy", "Too many logins being checked, try again shortly", 503),
    HTTP("http", "HTTP error", 0);

    private final String slug;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }

    /** The type for a plain HTTP status a JAX-RS runtime raised. */
    static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status) {
                return type;
            }
        }
        return HTTP;
    }
}
