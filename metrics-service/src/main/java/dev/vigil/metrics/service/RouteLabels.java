package dev.vigil.metrics.service;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chooses the {@code route} label of a request's meters. Each service's first
 * {@code maxRoutesPerService} distinct routes get a label of their own; every later route is
 * counted under {@link #OTHER}, so junk paths cannot grow the number of Prometheus series
 * without bound. A route, once labelled, keeps its label until the service restarts.
 */
final class RouteLabels {

    /** The label of the routes over the limit; real routes always start with {@code /}. */
    static final String OTHER = "_other";

    private final int maxRoutesPerService;
    private final Map<String, Set<String>> routesByService = new ConcurrentHashMap<>();

    RouteLabels(int maxRoutesPerService) {
        if (maxRoutesPerService < 0) {
            throw new IllegalArgumentException("vigil.metrics.max-routes-per-service: "
                    + "expected >= 0, got " + maxRoutesPerService);
        }
        this.maxRoutesPerService = maxRoutesPerService;
    }

    /** The route itself while the service has room for it, otherwise {@link #OTHER}. */
    String label(String service, String route) {
        Set<String> routes = routesByService.computeIfAbsent(service,
                s -> ConcurrentHashMap.newKeySet());
        if (routes.contains(route)) {
            return route;
        }
        return admit(routes, route) ? route : OTHER;
    }

    private boolean admit(Set<String> routes, String route) {
        // The size check and the add must be one step, or two writers could both take the
        // last free place.
        synchronized (routes) {
            if (routes.size() >= maxRoutesPerService) {
                return false;
            }
            routes.add(route);
            return true;
        }
    }
}
