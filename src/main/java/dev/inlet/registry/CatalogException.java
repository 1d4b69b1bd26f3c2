package dev.inlet.registry;

/** A catalog request that cannot be carried out; {@link #problem()} tells which kind of answer fits. */
public class CatalogException extends RuntimeException {

    public enum Problem { NOT_FOUND, CONFLICT, INVALID }

    private final Problem problem;

    public CatalogException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
