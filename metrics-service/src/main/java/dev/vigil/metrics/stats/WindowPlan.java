package dev.vigil.metrics.stats;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How a window [from, to) is read: whole minutes, hours and days from pre-aggregates (the
 * coarsest that fit, so 30 days need about 30 day rows instead of 43,200 minute rows), and the
 * partial minutes at either end from raw rows, so counts stay exact at any boundary.
 *
 * @param aligned the minute-aligned interior covered by {@code segments}; null if none
 * @param edges the raw ranges outside the interior, at most two
 */
public record WindowPlan(
        Instant from,
        Instant to,
        List<Segment> segments,
        List<Range> edges,
        Range aligned) {

    /** A half-open time range. */
    public record Range(Instant from, Instant to) {

        public boolean contains(Instant instant) {
            return !instant.isBefore(from) && instant.isBefore(to);
        }
    }

    /** The plan for [from, to) using buckets no coarser than {@code coarsest}. */
    public static WindowPlan of(Instant from, Instant to, Granularity coarsest) {
        Instant start = Granularity.MINUTE.ceil(from);
        Instant end = Granularity.MINUTE.floor(to);
        if (!start.isBefore(end)) {
            return new WindowPlan(from, to, List.of(), List.of(new Range(from, to)), null);
        }
        List<Segment> segments = new ArrayList<>();
        decompose(start, end, coarsest, segments);
        List<Range> edges = new ArrayList<>();
        if (from.isBefore(start)) {
            edges.add(new Range(from, start));
        }
        if (end.isBefore(to)) {
            edges.add(new Range(end, to));
        }
        return new WindowPlan(from, to, segments, edges, new Range(start, end));
    }

    private static void decompose(Instant a, Instant b, Granularity level, List<Segment> out) {
        if (!a.isBefore(b)) {
            return;
        }
        if (level == Granularity.MINUTE) {
            out.add(new Segment(level, a, b));
            return;
        }
        Granularity finer = Granularity.values()[level.ordinal() - 1];
        Instant inner = level.ceil(a);
        Instant outer = level.floor(b);
        if (!inner.isBefore(outer)) {
            decompose(a, b, finer, out);
            return;
        }
        decompose(a, inner, finer, out);
        out.add(new Segment(level, inner, outer));
        decompose(outer, b, finer, out);
    }
}
