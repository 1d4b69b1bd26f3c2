package dev.inlet.rtmp.session;

/**
 * The answer to a publish or play request. Exactly one of the methods is called, once, possibly
 * from another thread (authorisation may need the database or a webhook).
 */
public interface Reply {

    void accept();

    /**
     * Refuses with an error status (for example {@code NetStream.Publish.BadName}) that the client
     * receives before the connection closes.
     */
    void reject(String code, String description);
}
