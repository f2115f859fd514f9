package dev.vigil.health.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.vigil.health.model.ComponentStatus;
import dev.vigil.health.model.Target;
import dev.vigil.health.repository.ResultRepository;
import dev.vigil.health.repository.ResultRepository.Counts;
import dev.vigil.health.repository.ResultRepository.HourCounts;
import dev.vigil.health.repository.TargetRepository;
import dev.vigil.kit.problem.ProblemException;

/** Computes overall status, availability and hourly uptime from stored state and results. */
@ApplicationScoped
public class StatusService {

    /** The longest window the rollups can answer. */
    private static final int MAX_HOURS = 400 * 24;

    private final TargetRepository targets;
    private final ResultRepository results;
    private final Clock clock;

    StatusService(TargetRepository targets, ResultRepository results, Clock clock) {
        this.targets = targets;
        this.results = results;
        this.clock = clock;
    }

    /** The overall status and the enabled targets it was computed from. */
    public record Overall(ComponentStatus status, Instant timestamp, List<Target> components) {
    }

    /** Availability of a target over {@code [from, to)}; null availability without checks. */
    public record Availability(UUID targetId, Instant from, Instant to, long checks,
            long upChecks, Double availability) {
    }

    /** One UTC hour of all targets' checks. */
    public record UptimeHour(Instant hour, long checks, long up, Double availability) {
    }

    public Overall overall() {
        List<Target> enabled = targets.findEnabled();
        List<StatusRules.Component> components = enabled.stream()
                .map(t -> new StatusRules.Component(componentStatus(t), t.critical()))
                .toList();
        return new Overall(StatusRules.overall(components), clock.instant(), enabled);
    }

    /** The damped status of a target, UNKNOWN before its first check. */
    public static ComponentStatus componentStatus(Target target) {
        return target.state() == null ? ComponentStatus.UNKNOWN : target.state();
    }

    /**
     * Availability over {@code [from, to)}: whole hours come from the rollups, the partial
     * hours at either end from raw results, so a 30-day window costs two small queries.
     */
    public Availability availability(UUID id, Integer hours, Instant from, Instant to) {
        Instant end = to != null ? to : clock.instant();
        Instant start = windowStart(hours, from, end);
        Instant firstHour = ceilHour(start);
        Instant lastHour = end.truncatedTo(ChronoUnit.HOURS);
        Counts counts;
        if (firstHour.isBefore(lastHour)) {
            counts = results.countRaw(id, start, firstHour)
                    .plus(results.countHourly(id, firstHour, lastHour))
                    .plus(results.countRaw(id, lastHour, end));
        } else {
            counts = results.countRaw(id, start, end);
        }
        return new Availability(id, start, end, counts.checks(), counts.upChecks(),
                ratio(counts.upChecks(), counts.checks()));
    }

    /** One record per UTC hour for the last {@code hours} hours, the current one included. */
    public List<UptimeHour> uptime(Integer hours) {
        int count = hours == null ? 24 : hours;
        if (count < 1 || count > MAX_HOURS) {
            throw ProblemException.invalidField("hours", "must be between 1 and " + MAX_HOURS);
        }
        Instant current = clock.instant().truncatedTo(ChronoUnit.HOURS);
        Instant first = current.minus(Duration.ofHours(count - 1L));
        Map<Instant, HourCounts> byHour = new HashMap<>();
        results.hourlyTotals(first, current.plus(Duration.ofHours(1)))
                .forEach(h -> byHour.put(h.hour(), h));
        List<UptimeHour> uptime = new ArrayList<>(count);
        for (Instant hour = first; !hour.isAfter(current); hour = hour.plus(Duration.ofHours(1))) {
            HourCounts counts = byHour.getOrDefault(hour, new HourCounts(hour, 0, 0));
            uptime.add(new UptimeHour(hour, counts.checks(), counts.upChecks(),
                    ratio(counts.upChecks(), counts.checks())));
        }
        return uptime;
    }

    private static Instant windowStart(Integer hours, Instant from, Instant end) {
        if (hours != null && from != null) {
            throw ProblemException.invalidField("hours", "give either hours or from, not both");
        }
        if (hours != null && (hours < 1 || hours > MAX_HOURS)) {
            throw ProblemException.invalidField("hours", "must be between 1 and " + MAX_HOURS);
        }
        Duration span = Duration.ofHours(hours == null ? 24 : hours);
        Instant start = from != null ? from : end.minus(span);
        Windows.requireFromBeforeTo(start, end);
        return start;
    }

    private static Instant ceilHour(Instant instant) {
        Instant floor = instant.truncatedTo(ChronoUnit.HOURS);
        return floor.equals(instant) ? floor : floor.plus(Duration.ofHours(1));
    }

    /** A ratio 0–1, or null when there is nothing to divide. */
    static Double ratio(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }
}
