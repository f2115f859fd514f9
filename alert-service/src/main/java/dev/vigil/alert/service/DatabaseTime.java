package dev.vigil.alert.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Instants at the precision Postgres stores, microseconds: a create answers what a later GET
 * reads back, not the clock's nanoseconds.
 */
final class DatabaseTime {

    private DatabaseTime() {
    }

    static Instant now(Clock clock) {
        return of(clock.instant());
    }

    static Instant of(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }
}
