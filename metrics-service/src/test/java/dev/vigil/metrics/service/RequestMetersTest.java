package dev.vigil.metrics.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.vigil.metrics.model.Outcome;
import dev.vigil.metrics.model.RequestRecord;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class RequestMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void shouldCountRoutesOverTheLimitUnderOtherWhenAServiceHasTooManyRoutes() {
        RequestMeters meters = new RequestMeters(registry, new RouteLabels(2));

        meters.record(List.of(record("shop", "/a"), record("shop", "/b"), record("shop", "/c"),
                record("shop", "/d"), record("shop", "/a"), record("other-shop", "/c")));

        assertThat(count("shop", "/a")).isEqualTo(2.0);
        assertThat(count("shop", "/b")).isEqualTo(1.0);
        assertThat(count("shop", RouteLabels.OTHER)).isEqualTo(2.0);
        assertThat(count("other-shop", "/c")).isEqualTo(1.0);
        assertThat(routeLabels(RequestMeters.REQUESTS))
                .containsExactlyInAnyOrder("/a", "/b", RouteLabels.OTHER, "/c");
        assertThat(routeLabels(RequestMeters.DURATION))
                .containsExactlyInAnyOrder("/a", "/b", RouteLabels.OTHER, "/c");
        assertThat(registry.get(RequestMeters.DURATION).tags("service", "shop", "route",
                RouteLabels.OTHER).timer().count()).isEqualTo(2);
    }

    @Test
    void shouldKeepALabelledRouteWhenLaterRoutesAreOverTheLimit() {
        RouteLabels labels = new RouteLabels(1);

        String first = labels.label("shop", "/a");
        String second = labels.label("shop", "/b");
        String firstAgain = labels.label("shop", "/a");

        assertThat(List.of(first, second, firstAgain))
                .containsExactly("/a", RouteLabels.OTHER, "/a");
    }

    private double count(String service, String route) {
        return registry.get(RequestMeters.REQUESTS).tags("service", service, "route", route)
                .counter().count();
    }

    private List<String> routeLabels(String meter) {
        return registry.find(meter).meters().stream()
                .map(Meter::getId)
                .map(id -> id.getTag("route"))
                .distinct()
                .toList();
    }

    private static RequestRecord record(String service, String route) {
        return new RequestRecord(route + "-" + System.nanoTime(), Instant.EPOCH, service, route,
                route, "GET", 200, 50L, Outcome.SUCCESS, null, null, null);
    }
}
