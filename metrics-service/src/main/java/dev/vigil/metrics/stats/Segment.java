package dev.vigil.metrics.stats;

import java.time.Instant;

/** The pre-aggregates of one granularity whose bucket starts lie in [from, to). */
public record Segment(Granularity granularity, Instant from, Instant to) {
}
