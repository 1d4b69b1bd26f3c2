package dev.inlet.api.streams;

import dev.inlet.api.JsonRequestBody;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code PATCH /streams/{code}}: what to change; absent fields stay as they are. */
public class StreamChanges implements JsonRequestBody {

    @Size(min = 1, max = 200, message = "must be 1 to 200 characters")
    @Pattern(regexp = ".*\\S.*", message = "must not be blank")
    public String name;

    /** False stops the stream taking publishes, and disconnects its publisher. */
    public Boolean enabled;

    /** True makes the stream private: every reader, of every protocol, then needs a play token. */
    public Boolean privatePlayback;

    /**
     * The stream's own SRT passphrase (10 to 79 characters) for its publishers and readers; {@code ""} removes it,
     * so the server-wide one applies again. Write-only: no answer ever shows it.
     */
    @Size(max = 79, message = "must be at most 79 characters")
    public String srtPassphrase;

    public StreamChanges() {
    }

    /** Never shows the passphrase (the request is logged on failures). */
    @Override
    public String toString() {
        return "StreamChanges[name=" + name + ", enabled=" + enabled + ", privatePlayback=" + privatePlayback
                + ", srtPassphrase=" + (srtPassphrase == null ? "unchanged" : srtPassphrase.isEmpty() ? "removed" : "set")
                + "]";
    }

    public StreamChanges(String name, Boolean enabled) {
        this.name = name;
        this.enabled = enabled;
    }
}
