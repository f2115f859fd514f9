package dev.vigil.quota.rest;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.vigil.kit.problem.ProblemMappers;

/**
 * Sends a body field of the wrong JSON type through the kit's problem+json mapping: Quarkus
 * REST has a built-in mapper for this narrower exception that answers plain JSON instead.
 */
public class JsonInputMapper {

    private final ProblemMappers problems = new ProblemMappers();

    @ServerExceptionMapper
    public Response mapMismatchedInput(MismatchedInputException e) {
        return problems.mapJsonMapping(e);
    }
}
