package dev.vigil.health.service;

import dev.vigil.kit.problem.ProblemException;

/** No target has the given id. */
public class TargetNotFoundException extends ProblemException {

    public TargetNotFoundException(Object id) {
        super(404, "not-found", "Not found", "target " + id + " not found");
    }
}
