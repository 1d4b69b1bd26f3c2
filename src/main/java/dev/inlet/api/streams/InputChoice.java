package dev.inlet.api.streams;

import dev.inlet.core.InputPriorities;
import dev.inlet.api.JsonRequestBody;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Body of {@code POST /streams/{code}/switch}: {@code {"priority": 2}} moves players to that live input. */
public class InputChoice implements JsonRequestBody {

    @NotNull(message = "priority is required")
    @Min(value = 1, message = "must be at least 1")
    @Max(value = InputPriorities.MAX, message = "must be at most " + InputPriorities.MAX)
    public Integer priority;

    public InputChoice() {
    }

    public InputChoice(Integer priority) {
        this.priority = priority;
    }
}
