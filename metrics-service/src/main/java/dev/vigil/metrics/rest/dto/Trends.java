package dev.vigil.metrics.rest.dto;

import java.time.Instant;
import java.util.List;

/** Hourly trend of a window: every UTC hour the window touches, in order. */
public record Trends(Instant from, Instant to, boolean exact, List<TrendPoint> hours) {
}
