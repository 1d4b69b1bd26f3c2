package dev.inlet.api.relays;

import dev.inlet.api.JsonRequestBody;
import jakarta.validation.constraints.NotNull;

/** Body of {@code PATCH /streams/{code}/relays/{id}}: {@code {"enabled": false}}. */
public class RelayChange implements JsonRequestBody {

    @NotNull(message = "is required (true or false)")
    public Boolean enabled;

    public RelayChange() {
    }
}
