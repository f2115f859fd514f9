package dev.vigil.metrics.service;

import java.time.Duration;
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
     * Counts newly stored records; called after their transaction committed. Records of a
     * batch mostly share their service and route, so the meter found for one record is kept
     * for the next while the labels stay the same, instead of being looked up per record.
     */
    public void record(List<RequestRecord> stored) {
        RequestRecord previous = null;
        String route = null;
        Counter counter = null;
        Timer timer = null;
        for (RequestRecord record : stored) {
            boolean sameRoute = previous != null && previous.service().equals(record.service())
                    && previous.route().equals(record.route());
            if (!sameRoute) {
                route = routeLabels.label(record.service(), record.route());
                timer = null;
            }
            if (!sameRoute || previous.outcome() != record.outcome()) {
                counter = counter(record.service(), route, record.outcome());
            }
            counter.increment();
            if (record.responseTimeMs() != null) {
                timer = timer == null ? timer(record.service(), route) : timer;
                timer.record(record.responseTimeMs(), TimeUnit.MILLISECONDS);
            }
            previous = record;
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
