package dev.vigil.kit.problem;

import java.util.List;

import jakarta.ws.rs.core.Response;

/** Builds problem+json responses; the one place the error body's shape is decided. */
public final class ProblemResponses {

    public static final String MEDIA_TYPE = "application/problem+json";

    private ProblemResponses() {
    }

    /** A response with the given status, problem type suffix, title and detail. */
    public static Response of(int status, String type, String title, String detail) {
        return of(status, type, title, detail, null);
    }

    /** As {@link #of(int, String, String, String)}, listing the bad fields. */
    public static Response of(
            int status,
            String type,
            String title,
            String detail,
            List<Violation> violations) {
        List<Violation> listed = violations == null || violations.isEmpty() ? null : violations;
        Problem problem = new Problem(Problem.TYPE_BASE + type, title, status, detail, null, listed);
        return Response.status(status).type(MEDIA_TYPE).entity(problem).build();
    }
}
