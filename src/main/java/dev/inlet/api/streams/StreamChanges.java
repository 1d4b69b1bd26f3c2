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

    public StreamChanges() {
    }

    public StreamChanges(String name, Boolean enabled) {
        this.name = name;
        this.enabled = enabled;
    }
}
