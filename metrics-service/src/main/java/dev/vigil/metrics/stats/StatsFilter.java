package dev.vigil.metrics.stats;

/**
 * Optional filters of a statistics query; null means "any".
 *
 * @param route already normalised with {@link dev.vigil.metrics.model.Routes}
 */
public record StatsFilter(String service, String route, String userId) {

    public static final StatsFilter NONE = new StatsFilter(null, null, null);
}
