package dev.vigil.health.rest;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.vigil.kit.problem.ProblemMappers;

/**
 * Keeps a body field of the wrong type (for example an unknown {@code kind}) a problem+json
 * naming the field: in dev and test mode Quarkus registers its own, more specific mapper for
 * this exception, which would otherwise answer plain JSON.
 */
public class JsonInputMappers {

    private final ProblemMappers problems = new ProblemMappers();

    @ServerExceptionMapper(priority = 1)
    public Response mapMismatchedInput(MismatchedInputException e) {
        return problems.mapJsonMapping(e);
    }
}
