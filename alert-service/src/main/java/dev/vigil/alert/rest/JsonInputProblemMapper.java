package dev.vigil.alert.rest;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.vigil.kit.problem.ProblemMappers;

/**
 * Sends a body field of the wrong type (such as {@code "threshold": "many"}) through the kit's
 * problem+json mapping; Quarkus' own mapper for this exact exception would otherwise answer
 * plain JSON, because the most specific exception type wins.
 */
public class JsonInputProblemMapper {

    private final ProblemMappers kit = new ProblemMappers();

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response mapMismatchedInput(MismatchedInputException e) {
        return kit.mapJsonMapping(e);
    }
}
