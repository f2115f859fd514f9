package dev.vigil.kit.time;

import java.time.Instant;

import dev.vigil.kit.problem.ProblemException;

/**
 * The instants an API accepts: years 1 to 9999 UTC. ISO-8601 allows far more, Postgres'
 * {@code timestamptz} less, and an instant outside what the database stores must be refused
 * as bad input, not fail the statement later.
 */
public final class StorableInstants {

    public static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

    private StorableInstants() {
    }

    public static boolean isStorable(Instant instant) {
        return !instant.isBefore(MIN) && !instant.isAfter(MAX);
    }

    /** The instant itself, or a 400 naming {@code field} when it cannot be stored. */
    public static Instant require(String field, Instant instant) {
        if (instant != null && !isStorable(instant)) {
            throw ProblemException.invalidField(field, "must be between " + MIN + " and " + MAX);
        }
        return instant;
    }
}
