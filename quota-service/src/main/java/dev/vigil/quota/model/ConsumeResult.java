package dev.vigil.quota.model;

import java.util.List;

/**
 * What one /consume call did in the database.
 *
 * @param fresh false when the request id was counted before; {@code decision} is then the
 *        stored one, with null remaining and resetsAt for a request counted from an event
 * @param tier the user's tier (name and thresholds only); null when fresh is false or the
 *        tier is missing
 * @param counters the user's counters after the add; empty unless the call was allowed
 */
public record ConsumeResult(
        boolean fresh,
        Decision decision,
        Tier tier,
        List<Counter> counters) {
}
