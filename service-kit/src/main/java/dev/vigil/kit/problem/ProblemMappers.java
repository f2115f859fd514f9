package dev.vigil.kit.problem;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

import dev.vigil.kit.problem.ParameterProblems.BadParameter;

/**
 * Maps every exception a resource can raise to problem+json, so no error leaves a service in
 * another shape. Bad input names its field; only real faults become 500, and those are logged.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response mapProblem(ProblemException e) {
        return ProblemResponses.of(e.status(), e.type(), e.title(), e.getMessage(),
                e.violations());
    }

    @ServerExceptionMapper
    public Response mapConstraintViolation(ConstraintViolationException e) {
        List<Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Violation(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Violation::field))
                .toList();
        String detail = violations.stream()
                .map(v -> v.field() + ": " + v.message())
                .collect(Collectors.joining("; "));
        return ProblemResponses.of(400, "validation", "Invalid request", detail, violations);
    }

    @ServerExceptionMapper
    public Response mapJsonMapping(JsonMappingException e) {
        return JsonProblems.of(e);
    }

    /**
     * A body field of the wrong type, such as an unknown enum value. Registered ahead of the
     * more specific mapper Quarkus adds in dev and test mode, which would answer plain JSON.
     */
    @ServerExceptionMapper(priority = 1)
    public Response mapMismatchedInput(MismatchedInputException e) {
        return JsonProblems.of(e);
    }

    @ServerExceptionMapper
    public Response mapJsonProcessing(JsonProcessingException e) {
        return JsonProblems.of(e);
    }

    @ServerExceptionMapper
    public Response mapUnauthorized(UnauthorizedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper
    public Response mapAuthenticationFailed(AuthenticationFailedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper
    public Response mapForbidden(ForbiddenException e) {
        return ProblemResponses.of(403, "forbidden", "Forbidden",
                "the token's roles do not allow this operation");
    }

    /**
     * No resource at this path, or a matched resource whose query or path parameter did not
     * convert to its type: the framework reports both as not found, the caller needs to know
     * which parameter to fix.
     */
    @ServerExceptionMapper
    public Response mapNotFound(NotFoundException e, ResourceInfo resource, UriInfo uri) {
        if (e.getCause() == null) {
            return ProblemResponses.of(404, "not-found", "Not found", "no such resource");
        }
        Optional<BadParameter> bad = ParameterProblems.find(resource.getResourceMethod(), uri);
        if (bad.isEmpty()) {
            return ProblemResponses.of(400, "validation", "Invalid request",
                    "a query or path parameter does not have its type");
        }
        BadParameter parameter = bad.get();
        String message = "must be " + parameter.expected();
        if (parameter.inPath()) {
            // A malformed id names nothing, so it is not found; the detail says why.
            return ProblemResponses.of(404, "not-found", "Not found",
                    parameter.name() + " " + parameter.value() + " not found: " + message,
                    List.of(new Violation(parameter.name(), message)));
        }
        return mapProblem(ProblemException.invalidField(parameter.name(), message));
    }

    @ServerExceptionMapper
    public Response mapNotAllowed(NotAllowedException e) {
        return ProblemResponses.of(405, "method-not-allowed", "Method not allowed",
                "this resource does not support that method");
    }

    @ServerExceptionMapper
    public Response mapWebApplication(WebApplicationException e) {
        // Quarkus wraps some body read errors (a number out of range, a body cut short).
        if (e.getCause() instanceof JsonProcessingException json) {
            return JsonProblems.of(json);
        }
        int status = e.getResponse().getStatus();
        String title = Response.Status.fromStatusCode(status) == null
                ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        return ProblemResponses.of(status, "http-" + status, title, e.getMessage());
    }

    @ServerExceptionMapper
    public Response mapUnexpected(RuntimeException e) {
        LOG.errorf(e, "Request failed unexpectedly error=%s", e.getClass().getSimpleName());
        return ProblemResponses.of(500, "internal", "Internal error",
                "the request failed; the error is logged");
    }

    private static Response unauthorized() {
        Response problem = ProblemResponses.of(401, "unauthorized", "Unauthorized",
                "a valid bearer token is required");
        return Response.fromResponse(problem).header("WWW-Authenticate", "Bearer").build();
    }

    /**
     * The caller's name for the field: the bean path below the parameter for a body
     * ({@code create.request.settings.url} gives {@code settings.url}), else the parameter name
     * for a query or path parameter ({@code list.limit} gives {@code limit}).
     */
    private static String fieldOf(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, RETURN_VALUE, CROSS_PARAMETER -> {
                }
                case PARAMETER -> parameter = node.getName();
                default -> append(field, node.getName() + index(node));
            }
        }
        if (field.length() > 0) {
            return field.toString();
        }
        return parameter == null ? "body" : parameter;
    }

    private static String index(Path.Node node) {
        if (node.getIndex() != null) {
            return "[" + node.getIndex() + "]";
        }
        return node.getKey() != null ? "[" + node.getKey() + "]" : "";
    }

    private static void append(StringBuilder field, String name) {
        if (name == null || name.isEmpty()) {
            return;
        }
        if (field.length() > 0 && !name.startsWith("[")) {
            field.append('.');
        }
        field.append(name);
    }
}
