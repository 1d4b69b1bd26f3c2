package dev.inlet.api;

/** The application's two roles; how users or groups map to them is the server's business (see the README). */
public final class Roles {

    /** May do everything: create and delete streams, issue and revoke keys, kick sessions. */
    public static final String ADMIN = "inlet-admin";
    /** May read everything except key plaintexts (which nobody can read twice). */
    public static final String VIEWER = "inlet-viewer";

    private Roles() {
    }
}
