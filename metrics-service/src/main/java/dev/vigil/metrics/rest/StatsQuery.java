package dev.vigil.metrics.rest;

import java.time.Instant;

import jakarta.ws.rs.QueryParam;

import dev.vigil.metrics.model.Routes;
import dev.vigil.metrics.stats.StatsFilter;
import dev.vigil.metrics.stats.Window;

/**
 * The query parameters every performance endpoint shares: the window ({@code window} or
 * {@code from}/{@code to}) and the {@code service}, {@code endpoint} and {@code userId} filters.
 */
public class StatsQuery {

    @QueryParam("window")
    public String window;

    @QueryParam("from")
    public String from;

    @QueryParam("to")
    public String to;

    @QueryParam("service")
    public String service;

    @QueryParam("endpoint")
    public String endpoint;

    @QueryParam("userId")
    public String userId;

    Window window(Instant now) {
        return WindowParams.resolve(window, from, to, now);
    }

    /** Blank filters mean "all"; an endpoint is matched by its normalised route. */
    StatsFilter filter() {
        String route = blank(endpoint) ? null : Routes.normalize(endpoint);
        return new StatsFilter(blank(service) ? null : service, route,
                blank(userId) ? null : userId);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
