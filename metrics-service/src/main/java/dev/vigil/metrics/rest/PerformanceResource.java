package dev.vigil.metrics.rest;

import java.time.Clock;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.vigil.kit.paging.Cursors;
import dev.vigil.kit.problem.ProblemException;
import dev.vigil.kit.security.Roles;
import dev.vigil.metrics.rest.dto.Distribution;
import dev.vigil.metrics.rest.dto.EndpointStats;
import dev.vigil.metrics.rest.dto.Endpoints;
import dev.vigil.metrics.rest.dto.PerformanceSummary;
import dev.vigil.metrics.rest.dto.Trends;
import dev.vigil.metrics.service.PerformanceService;
import dev.vigil.metrics.service.PerformanceService.EndpointSort;
import dev.vigil.metrics.service.PerformanceService.RouteRanking;
import dev.vigil.metrics.stats.Window;

/**
 * Performance statistics over a window ({@code window} or {@code from}/{@code to}, half-open)
 * with optional {@code service}, {@code endpoint} and {@code userId} filters.
 */
@Path("/api/performance")
@Tag(name = "Performance", description = "Request statistics out")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.ADMIN})
public class PerformanceResource {

    private final PerformanceService performance;
    private final Clock clock;

    PerformanceResource(PerformanceService performance, Clock clock) {
        this.performance = performance;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "Totals, rates, throughput and response-time statistics of a window")
    public PerformanceSummary summary(@BeanParam StatsQuery query) {
        return performance.summary(query.window(clock.instant()), query.filter());
    }

    @GET
    @Path("/trends")
    @Operation(summary = "One entry per UTC hour of the window, empty hours with zeros")
    public Trends trends(@BeanParam StatsQuery query) {
        return performance.trends(query.window(clock.instant()), query.filter());
    }

    @GET
    @Path("/distribution")
    @Operation(summary = "Requests per response-time bucket, lower bound inclusive")
    public Distribution distribution(@BeanParam StatsQuery query) {
        return performance.distribution(query.window(clock.instant()), query.filter());
    }

    @GET
    @Path("/endpoints")
    @Operation(summary = "Statistics per route, sorted by p95 or errorRate, worst first")
    public Endpoints endpoints(
            @BeanParam StatsQuery query,
            @QueryParam("sort") String sort,
            @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        Window resolved = query.window(clock.instant());
        EndpointSort order = sort(sort);
        int size = Cursors.limit(limit, 100, 1000);
        int offset = offset(cursor);
        RouteRanking ranking = performance.endpoints(resolved, query.filter(), order);
        List<EndpointStats> routes = ranking.routes();
        int end = Math.min(routes.size(), offset + size);
        String next = end < routes.size() ? Cursors.encode(String.valueOf(end)) : null;
        return new Endpoints(resolved.from(), resolved.to(), sort == null ? "p95" : sort,
                ranking.exact(), routes.subList(Math.min(offset, end), end), next);
    }

    private static EndpointSort sort(String sort) {
        if (sort == null || "p95".equals(sort)) {
            return EndpointSort.P95;
        }
        if ("errorRate".equals(sort)) {
            return EndpointSort.ERROR_RATE;
        }
        throw ProblemException.invalidField("sort", "must be p95 or errorRate");
    }

    private static int offset(String cursor) {
        String position = Cursors.decode(cursor);
        if (position == null) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(position));
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField("cursor", "is not a cursor this API returned");
        }
    }
}
