package dev.vigil.health.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import dev.vigil.health.service.TargetNotFoundException;
import dev.vigil.kit.problem.ProblemException;
import dev.vigil.kit.time.StorableInstants;

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

    /** An instant the database can store (years 1–9999), or null when absent. */
    static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(name,
                    "must be an ISO-8601 UTC instant such as 2026-01-01T00:00:00Z");
        }
        return StorableInstants.require(name, instant);
    }

    /**
     * A flag: absent means false (the framework hands an empty value over as absent). Anything
     * but true or false is refused rather than read as false, so a caller who asked for more
     * never silently gets less.
     */
    static boolean flag(String name, String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ProblemException.invalidField(name, "must be true or false");
    }
}
