package dev.vigil.kit.request;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.vigil.kit.problem.ProblemResponses;
import dev.vigil.kit.problem.Violation;

/**
 * Refuses a path or query parameter holding a NUL character before any resource sees it:
 * Postgres cannot store or compare one in text, so it would fail a query with a 500, and a
 * filter that silently ignored it would widen a search to everything.
 */
public class NulCharacterFilter {

    private static final String MESSAGE = "must not contain NUL characters";

    @ServerRequestFilter(preMatching = true)
    public Response refuseNulCharacters(ContainerRequestContext request) {
        UriInfo uri = request.getUriInfo();
        if (uri.getPath().indexOf('\0') >= 0) {
            return refuse("path");
        }
        for (Map.Entry<String, List<String>> parameter : uri.getQueryParameters().entrySet()) {
            boolean bad = parameter.getKey().indexOf('\0') >= 0 || parameter.getValue().stream()
                    .anyMatch(value -> value.indexOf('\0') >= 0);
            if (bad) {
                return refuse(parameter.getKey().replace('\0', '?'));
            }
        }
        return null;
    }

    private static Response refuse(String field) {
        return ProblemResponses.of(400, "validation", "Invalid request", field + ": " + MESSAGE,
                List.of(new Violation(field, MESSAGE)));
    }
}
