package dev.vigil.metrics.rest.dto;

import java.time.Instant;
import java.util.List;

/**
 * Routes of a window, sorted worst first.
 *
 * @param nextCursor pass as {@code cursor} for the next page; null on the last page
 */
public record Endpoints(
        Instant from,
        Instant to,
        String sort,
        boolean exact,
        List<EndpointStats> endpoints,
        String nextCursor) {
}
