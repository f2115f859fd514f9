package dev.vigil.metrics.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.vigil.metrics.config.MetricsConfig;
import dev.vigil.metrics.repository.AggregateRepository;
import dev.vigil.metrics.repository.RequestRecordRepository;
import dev.vigil.metrics.rest.dto.Distribution;
import dev.vigil.metrics.rest.dto.DistributionBucket;
import dev.vigil.metrics.rest.dto.EndpointStats;
import dev.vigil.metrics.rest.dto.PerformanceSummary;
import dev.vigil.metrics.rest.dto.TrendPoint;
import dev.vigil.metrics.rest.dto.Trends;
import dev.vigil.metrics.stats.Aggregate;
import dev.vigil.metrics.stats.Granularity;
import dev.vigil.metrics.stats.LatencyBuckets;
import dev.vigil.metrics.stats.RawSummary;
import dev.vigil.metrics.stats.Rollup;
import dev.vigil.metrics.stats.Sample;
import dev.vigil.metrics.stats.StatsAccumulator;
import dev.vigil.metrics.stats.StatsFilter;
import dev.vigil.metrics.stats.Window;
import dev.vigil.metrics.stats.WindowPlan;
import dev.vigil.metrics.stats.WindowPlan.Range;

/**
 * Answers statistics for a window. A window with few enough records whose raw rows are all
 * still kept is answered exactly from them; otherwise counts come from pre-aggregates and
 * percentiles from their merged sketches, with the partial minutes at the edges read raw.
 */
@ApplicationScoped
public class PerformanceService {

    private static final List<String> LABELS = List.of("0-100ms", "100-500ms", "500-1000ms",
            "1000-2000ms", "2000-5000ms", "5000ms+");

    private final RequestRecordRepository records;
    private final AggregateRepository aggregates;
    private final MetricsConfig config;

    PerformanceService(
            RequestRecordRepository records,
            AggregateRepository aggregates,
            MetricsConfig config) {
        this.records = records;
        this.aggregates = aggregates;
        this.config = config;
    }

    /**
     * Totals, rates and response-time statistics of the window. The exact answer is computed
     * by the database (no raw row travels); the sketch answer merges roll-up rows.
     */
    public PerformanceSummary summary(Window window, StatsFilter filter) {
        Range whole = new Range(window.from(), window.to());
        if (filter.userId() != null) {
            return exactSummary(window, records.summarize(whole, null, filter));
        }
        WindowPlan plan = WindowPlan.of(window.from(), window.to(), Granularity.DAY);
        Rollup rollup = Rollup.of(filter, false);
        long aggregated = aggregates.countRequests(plan.segments(), filter, rollup);
        if (aggregated <= config.exactMaxRecords()) {
            RawSummary raw = records.summarize(whole, plan.aligned(), filter);
            if (raw.insideAligned() >= aggregated) {
                return exactSummary(window, raw);
            }
        }
        Grouped<String> grouped = new Grouped<>();
        mergeSketches(plan, filter, rollup, grouped, s -> "", a -> "");
        StatsAccumulator stats = grouped.get("");
        return new PerformanceSummary(window.from(), window.to(), stats.total(),
                stats.successful(), stats.failed(), stats.clientErrors(), stats.successRate(),
                stats.errorRate(), window.perMinute(stats.total()), stats.averageMs(),
                stats.median(), stats.percentile(95), stats.percentile(99), stats.minMs(),
                stats.maxMs(), stats.errorTypes(), grouped.exact());
    }

    private static PerformanceSummary exactSummary(Window window, RawSummary raw) {
        return new PerformanceSummary(window.from(), window.to(), raw.total(), raw.successful(),
                raw.failed(), raw.clientErrors(), raw.successRate(), raw.errorRate(),
                window.perMinute(raw.total()), raw.averageMs(), raw.median(), raw.p95(),
                raw.p99(), raw.minMs(), raw.maxMs(), raw.errorTypes(), true);
    }

    /** One entry per UTC hour the window touches, empty hours included. */
    public Trends trends(Window window, StatsFilter filter) {
        Grouped<Instant> grouped = collect(window, filter, Granularity.HOUR, false,
                s -> Granularity.HOUR.floor(s.occurredAt()),
                a -> Granularity.HOUR.floor(a.bucketStart()));
        List<TrendPoint> hours = new ArrayList<>();
        Instant hour = Granularity.HOUR.floor(window.from());
        for (; hour.isBefore(window.to()); hour = hour.plus(Granularity.HOUR.length())) {
            StatsAccumulator stats = grouped.get(hour);
            hours.add(new TrendPoint(hour, stats.total(), stats.successful(), stats.failed(),
                    stats.clientErrors(), stats.averageMs(), stats.percentile(95),
                    stats.successRate()));
        }
        return new Trends(window.from(), window.to(), grouped.exact(), hours);
    }

    /** The six response-time buckets, each present even when empty. */
    public Distribution distribution(Window window, StatsFilter filter) {
        StatsAccumulator stats =
                collect(window, filter, Granularity.DAY, false, s -> "", a -> "").get("");
        long[] counts = stats.buckets();
        List<DistributionBucket> buckets = new ArrayList<>();
        for (int i = 0; i < LatencyBuckets.COUNT; i++) {
            Double percentage = stats.timed() == 0 ? null : 100.0 * counts[i] / stats.timed();
            buckets.add(new DistributionBucket(LABELS.get(i), LatencyBuckets.LOWER.get(i),
                    LatencyBuckets.upper(i), counts[i], percentage));
        }
        return new Distribution(window.from(), window.to(), stats.timed(), buckets);
    }

    /** Every route with requests in the window, worst first by the chosen order. */
    public RouteRanking endpoints(Window window, StatsFilter filter, EndpointSort sort) {
        Grouped<List<String>> grouped = collect(window, filter, Granularity.DAY, true,
                s -> List.of(s.service(), s.route()),
                a -> List.of(a.service(), a.route()));
        List<EndpointStats> routes = new ArrayList<>();
        grouped.groups().forEach((key, stats) -> routes.add(new EndpointStats(key.get(0),
                key.get(1), stats.total(), stats.successful(), stats.failed(),
                stats.clientErrors(), stats.errorRate(), window.perMinute(stats.total()),
                stats.averageMs(), stats.median(), stats.percentile(95),
                stats.percentile(99))));
        routes.sort(sort.order());
        return new RouteRanking(routes, grouped.exact());
    }

    /** Routes in order, and whether their percentiles are exact. */
    public record RouteRanking(List<EndpointStats> routes, boolean exact) {
    }

    /** The orders of {@code GET /api/performance/endpoints}; routes without data sort last. */
    public enum EndpointSort {
        P95(EndpointStats::p95ResponseTimeMs),
        ERROR_RATE(EndpointStats::errorRate);

        private final Function<EndpointStats, Double> value;

        EndpointSort(Function<EndpointStats, Double> value) {
            this.value = value;
        }

        Comparator<EndpointStats> order() {
            return Comparator.comparing(value,
                            Comparator.nullsLast(Comparator.<Double>reverseOrder()))
                    .thenComparing(EndpointStats::service)
                    .thenComparing(EndpointStats::route);
        }
    }

    private <K> Grouped<K> collect(
            Window window,
            StatsFilter filter,
            Granularity coarsest,
            boolean perRoute,
            Function<Sample, K> sampleKey,
            Function<Aggregate, K> aggregateKey) {
        Grouped<K> grouped = new Grouped<>();
        Range whole = new Range(window.from(), window.to());
        if (filter.userId() != null) {
            // Pre-aggregates carry no user, so this filter is answered from raw rows only.
            records.findSamples(whole, filter).forEach(s -> grouped.add(sampleKey.apply(s), s));
            return grouped;
        }
        WindowPlan plan = WindowPlan.of(window.from(), window.to(), coarsest);
        Rollup rollup = Rollup.of(filter, perRoute);
        long aggregated = aggregates.countRequests(plan.segments(), filter, rollup);
        if (aggregated <= config.exactMaxRecords()) {
            List<Sample> samples = records.findSamples(whole, filter);
            if (inside(samples, plan.aligned()) >= aggregated) {
                samples.forEach(s -> grouped.add(sampleKey.apply(s), s));
                return grouped;
            }
        }
        mergeSketches(plan, filter, rollup, grouped, sampleKey, aggregateKey);
        return grouped;
    }

    /** The partial edge minutes from raw rows, the rest from pre-aggregates. */
    private <K> void mergeSketches(
            WindowPlan plan,
            StatsFilter filter,
            Rollup rollup,
            Grouped<K> grouped,
            Function<Sample, K> sampleKey,
            Function<Aggregate, K> aggregateKey) {
        for (Range edge : plan.edges()) {
            records.findSamples(edge, filter).forEach(s -> grouped.add(sampleKey.apply(s), s));
        }
        aggregates.find(plan.segments(), filter, rollup)
                .forEach(a -> grouped.merge(aggregateKey.apply(a), a));
    }

    private static long inside(List<Sample> samples, Range range) {
        if (range == null) {
            return 0;
        }
        return samples.stream().filter(s -> range.contains(s.occurredAt())).count();
    }

    /** Accumulators per group key. */
    private static final class Grouped<K> {
        private final Map<K, StatsAccumulator> groups = new HashMap<>();
        private boolean exact = true;

        void add(K key, Sample sample) {
            groups.computeIfAbsent(key, k -> new StatsAccumulator()).add(sample);
        }

        void merge(K key, Aggregate aggregate) {
            exact = false;
            groups.computeIfAbsent(key, k -> new StatsAccumulator()).merge(aggregate);
        }

        StatsAccumulator get(K key) {
            return groups.getOrDefault(key, new StatsAccumulator());
        }

        Map<K, StatsAccumulator> groups() {
            return groups;
        }

        boolean exact() {
            return exact;
        }
    }
}
