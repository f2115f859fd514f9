package dev.vigil.kit.problem;

import java.util.List;

/**
 * A failure the caller caused or must know about, with the HTTP status and problem type it maps
 * to. Services subclass it per condition, for example {@code TargetNotFoundException}.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<Violation> violations;

    public ProblemException(int status, String type, String title, String detail) {
        this(status, type, title, detail, List.of());
    }

    public ProblemException(
            int status,
            String type,
            String title,
            String detail,
            List<Violation> violations) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.violations = List.copyOf(violations);
    }

    /** A 400 naming one bad field. */
    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(400, "validation", "Invalid request", field + ": " + message,
                List.of(new Violation(field, message)));
    }

    /** A 404 for an id that names nothing. */
    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(404, "not-found", "Not found", what + " " + id + " not found");
    }

    /** A 409 for a change that clashes with what is stored, such as a duplicate name. */
    public static ProblemException conflict(String field, String message) {
        return new ProblemException(409, "conflict", "Conflict", field + ": " + message,
                List.of(new Violation(field, message)));
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<Violation> violations() {
        return violations;
    }
}
