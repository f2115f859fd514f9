package dev.vigil.alert.repository;

import java.util.List;

import dev.vigil.kit.problem.ProblemException;
import dev.vigil.kit.problem.Violation;

/**
 * A create or rename that broke a table's unique name constraint: 409 naming {@code name}.
 * The constraint, not a look-up beforehand, decides, so two callers racing for one name get
 * one success and one conflict.
 */
public class NameTakenException extends ProblemException {

    public NameTakenException(String what) {
        super(409, "conflict", "Conflict", "name: another " + what + " has this name",
                List.of(new Violation("name", "another " + what + " has this name")));
    }
}
