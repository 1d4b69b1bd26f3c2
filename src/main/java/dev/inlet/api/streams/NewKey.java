package dev.inlet.api.streams;

import dev.inlet.core.InputPriorities;
import dev.inlet.api.JsonRequestBody;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Body of {@code POST /streams/{code}/keys}: {@code {"priority": 1}} (1 = primary input, 2 = first backup…). */
public class NewKey implements JsonRequestBody {

    @Min(value = 1, message = "must be at least 1")
    @Max(value = InputPriorities.MAX, message = "must be at most " + InputPriorities.MAX)
    public Integer priority;

    public NewKey() {
    }

    public NewKey(Integer priority) {
        this.priority = priority;
    }

    int priorityOrPrimary() {
        return priority == null ? 1 : priority;
    }
}
