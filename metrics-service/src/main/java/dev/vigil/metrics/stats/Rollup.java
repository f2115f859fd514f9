package dev.vigil.metrics.stats;

/**
 * Which pre-aggregate rows answer a query. Besides one row per (service, route), every bucket
 * has a row per service with route {@link #ALL} and one with service and route {@link #ALL}.
 * The empty text cannot be a real value: services are never blank and routes start with "/".
 */
public enum Rollup {
    /** One row per (service, route): needed for a route filter or a per-route ranking. */
    ROUTE,
    /** One row per service: a service filter without a route filter. */
    SERVICE,
    /** One row for everything: no service or route filter. */
    EVERYTHING;

    /** The service or route of a roll-up row that stands for all of them. */
    public static final String ALL = "";

    /** The coarsest level that still answers the filter, grouped per route or not. */
    public static Rollup of(StatsFilter filter, boolean perRoute) {
        if (perRoute || filter.route() != null) {
            return ROUTE;
        }
        return filter.service() != null ? SERVICE : EVERYTHING;
    }

    /** The SQL condition (no parameters) selecting the rows of this level. */
    public String condition() {
        return switch (this) {
            case ROUTE -> "route <> ''";
            case SERVICE -> "service <> '' AND route = ''";
            case EVERYTHING -> "service = '' AND route = ''";
        };
    }
}
