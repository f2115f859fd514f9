package dev.vigil.metrics.service;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.vigil.metrics.config.MetricsConfig;
import dev.vigil.metrics.model.Outcome;
import dev.vigil.metrics.model.RequestRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Exports stored requests on {@code /q/metrics}: {@code vigil_requests_total} by service, route
 * and outcome, and {@code vigil_request_duration_seconds} as a histogram whose {@code le}
 * buckets sit on the edges of ARCHITECTURE.md (Prometheus buckets are upper-inclusive). The
 * route label is capped per service by {@link RouteLabels}.
 */
@ApplicationScoped
public class RequestMeters {

    public static final String REQUESTS = "vigil.requests";
    public static final String DURATION = "vigil.request.duration";
    private static final Duration[] BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5)};

    private final MeterRegistry registry;
    private final RouteLabels routeLabels;
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();
    private final Map<List<String>, Timer> timers = new ConcurrentHashMap<>();

    @Inject
    RequestMeters(MeterRegistry registry, MetricsConfig config) {
        this(registry, new RouteLabels(config.maxRoutesPerService()));
    }

    RequestMeters(MeterRegistry registry, RouteLabels routeLabels) {
        this.registry = registry;
        this.routeLabels = routeLabels;
    }

    /**
     * Counts newly stored records; called after their transaction committed. The counters
     * are added to once per (service, route, outcome) of the batch, with the batch's count,
     * instead of once per record; response times still go to the histogram one by one.
     */
    public void record(List<RequestRecord> stored) {
        Map<RouteKey, RouteTally> tallies = new HashMap<>();
        RequestRecord previous = null;
        RouteTally tally = null;
        for (RequestRecord record : stored) {
            // Records of a batch mostly share their route with the one before.
            if (previous == null || !sameRoute(previous, record)) {
                tally = tallies.computeIfAbsent(new RouteKey(record.service(), record.route()),
                        key -> new RouteTally(key.service(),
                                routeLabels.label(key.service(), key.route())));
            }
            tally.outcomes[record.outcome().ordinal()]++;
            if (record.responseTimeMs() != null) {
                tally.timer().record(record.responseTimeMs(), TimeUnit.MILLISECONDS);
            }
            previous = record;
        }
        tallies.values().forEach(this::addCounts);
    }

    private static boolean sameRoute(RequestRecord a, RequestRecord b) {
        return a.service().equals(b.service()) && a.route().equals(b.route());
    }

    private void addCounts(RouteTally tally) {
        for (Outcome outcome : Outcome.values()) {
            long count = tally.outcomes[outcome.ordinal()];
            if (count > 0) {
                counter(tally.service, tally.route, outcome).increment(count);
            }
        }
    }

    private record RouteKey(String service, String route) {
    }

    /**
     * One route's records of a batch: outcome counts, and its timer once it is needed. Made
     * in record order, so routes get their labels in the order they arrive.
     */
    private final class RouteTally {
        final String service;
        final String route;
        final long[] outcomes = new long[Outcome.values().length];
        private Timer timer;

        RouteTally(String service, String route) {
            this.service = service;
            this.route = route;
        }

        Timer timer() {
            if (timer == null) {
                timer = RequestMeters.this.timer(service, route);
            }
            return timer;
        }
    }

    private Counter counter(String service, String route, Outcome outcome) {
        List<String> key = List.of(service, route, outcome.label());
        return counters.computeIfAbsent(key, k -> Counter.builder(REQUESTS)
                .description("Requests stored, by service, route and outcome")
                .tags("service", k.get(0), "route", k.get(1), "outcome", k.get(2))
                .register(registry));
    }

    private Timer timer(String service, String route) {
        List<String> key = List.of(service, route);
        return timers.computeIfAbsent(key, k -> Timer.builder(DURATION)
                .description("Response times of stored requests")
                .tags("service", k.get(0), "route", k.get(1))
                .serviceLevelObjectives(BUCKETS)
                .register(registry));
    }
}
