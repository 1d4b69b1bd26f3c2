package dev.inlet.api.relays;

import dev.inlet.api.JsonRequestBody;
import jakarta.validation.constraints.NotBlank;

/** Body of {@code POST /streams/{code}/relays}: {@code {"url": "rtmp://a.rtmp.youtube.com/live2", "key": "…"}}. */
public class NewRelay implements JsonRequestBody {

    @NotBlank(message = "is required: rtmp://host[:port]/app or rtmps://…")
    public String url;

    @NotBlank(message = "is required: the target's stream key")
    public String key;

    /** Optional; true when absent. */
    public Boolean enabled;

    public NewRelay() {
    }
}
