package dev.vigil.health.service;

import dev.vigil.kit.problem.ProblemException;

/** A run-now request for a target whose check is already running somewhere. */
public class CheckInProgressException extends ProblemException {

    public CheckInProgressException(Object id) {
        super(409, "check-in-progress", "Conflict",
                "target " + id + " is being checked right now; try again when it finished");
    }
}
