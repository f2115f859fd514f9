package dev.vigil.metrics.rest;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

import dev.vigil.kit.problem.ProblemException;
import dev.vigil.kit.time.StorableInstants;
import dev.vigil.metrics.stats.Window;

/**
 * Turns the {@code window}, {@code from} and {@code to} query parameters into a window, naming
 * the parameter that is wrong. {@code window} counts back from {@code to} (default now).
 */
final class WindowParams {

    static final Map<String, Duration> WINDOWS = Map.of(
            "15m", Duration.ofMinutes(15),
            "1h", Duration.ofHours(1),
            "24h", Duration.ofHours(24),
            "7d", Duration.ofDays(7),
            "30d", Duration.ofDays(30));
    static final Duration DEFAULT = Duration.ofHours(1);
    static final Duration LONGEST = Duration.ofDays(400);

    private WindowParams() {
    }

    static Window resolve(String window, String from, String to, Instant now) {
        if (window != null && from != null) {
            throw ProblemException.invalidField("window", "give either window or from, not both");
        }
        // from is read first so that, when both are wrong, the answer names the first one.
        Instant given = from == null ? null : instant("from", from);
        Instant end = to == null ? now : instant("to", to);
        Instant start = given == null ? end.minus(length(window)) : given;
        if (!start.isBefore(end)) {
            throw ProblemException.invalidField("to", "must be after from");
        }
        if (Duration.between(start, end).compareTo(LONGEST) > 0) {
            throw ProblemException.invalidField("from", "the window may span at most 400 days");
        }
        return new Window(start, end);
    }

    private static Duration length(String window) {
        if (window == null) {
            return DEFAULT;
        }
        Duration length = WINDOWS.get(window);
        if (length == null) {
            throw ProblemException.invalidField("window", "must be one of 15m, 1h, 24h, 7d, 30d");
        }
        return length;
    }

    /** An instant the database can compare with, or a 400 naming the parameter. */
    private static Instant instant(String field, String text) {
        try {
            return StorableInstants.require(field, OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field,
                    "must be an ISO-8601 instant with offset, e.g. 2024-05-01T10:00:00Z");
        }
    }
}
