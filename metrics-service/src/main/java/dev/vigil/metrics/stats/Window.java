package dev.vigil.metrics.stats;

import java.time.Duration;
import java.time.Instant;

/** A half-open query window [from, to), UTC. */
public record Window(Instant from, Instant to) {

    public Duration length() {
        return Duration.between(from, to);
    }

    /** Requests per minute over the whole window, not over the span the data happens to fill. */
    public double perMinute(long requests) {
        return requests / (length().toMillis() / 60_000.0);
    }
}
