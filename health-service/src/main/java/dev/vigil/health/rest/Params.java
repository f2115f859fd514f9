package dev.vigil.health.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import dev.vigil.health.service.TargetNotFoundException;
import dev.vigil.kit.problem.ProblemException;

/** Reads path and query parameters, naming the parameter when one is malformed. */
final class Params {

    private Params() {
    }

    /** A target id; one that is not a UUID names no target. */
    static UUID targetId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new TargetNotFoundException(id);
        }
    }

    static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(name,
                    "must be an ISO-8601 UTC instant such as 2026-01-01T00:00:00Z");
        }
    }
}
