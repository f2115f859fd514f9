package dev.vigil.kit.time;

import java.time.Instant;

import dev.vigil.common.serde.EventJson;
import dev.vigil.kit.problem.ProblemException;

/**
 * The instants an API accepts: years 1 to 9999 UTC, the same as events carry. ISO-8601 allows
 * far more, Postgres' {@code timestamptz} less, and an instant outside what the database stores
 * must be refused as bad input, not fail the statement later.
 */
public final class StorableInstants {

    public static final Instant MIN = EventJson.EARLIEST;
    public static final Instant MAX = EventJson.LATEST;

    private StorableInstants() {
    }

    public static boolean isStorable(Instant instant) {
        return EventJson.inRange(instant);
    }

    /** The instant itself, or a 400 naming {@code field} when it cannot be stored. */
    public static Instant require(String field, Instant instant) {
        if (instant != null && !isStorable(instant)) {
            throw ProblemException.invalidField(field, "must be between " + MIN + " and " + MAX);
        }
        return instant;
    }
}
