package dev.inlet.api.problems;

import jakarta.ws.rs.WebApplicationException;

import java.util.List;

/**
 * A request body of the wrong shape — not JSON, not a JSON object, or a member of the wrong JSON type: 400, with
 * one entry per such member, named by its JSON name (as {@link ConstraintViolationMapper} names broken rules).
 */
public class InvalidBodyException extends WebApplicationException implements WebApplicationExceptionMapper.ClientMessage {

    private final transient List<Problem.FieldError> errors;

    /** @param errors at least one member and what it must be */
    public InvalidBodyException(List<Problem.FieldError> errors) {
        this(detailOf(errors), errors);
    }

    private InvalidBodyException(String detail, List<Problem.FieldError> errors) {
        super(detail, ProblemType.INVALID_REQUEST.status());
        this.errors = List.copyOf(errors);
    }

    /** The body is not JSON at all. */
    public static InvalidBodyException unreadable() {
        return new InvalidBodyException(UnreadableJsonMapper.problem().detail(), List.of());
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    Problem problem() {
        Problem problem = Problem.of(ProblemType.INVALID_REQUEST, getMessage());
        return errors.isEmpty() ? problem : problem.withErrors(errors);
    }

    private static String detailOf(List<Problem.FieldError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("no field is named");
        }
        return errors.size() == 1 ? "\"" + errors.get(0).field() + "\" " + errors.get(0).message()
                : errors.size() + " fields are invalid";
    }
}
