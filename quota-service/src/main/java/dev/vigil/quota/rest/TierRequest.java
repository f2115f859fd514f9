package dev.vigil.quota.rest;

import java.util.List;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import dev.vigil.quota.model.Tier;

/**
 * A tier as an admin writes it. A missing limit is unlimited; missing thresholds default to
 * 0.8 and 1.0. The name is required on create and, on replace, must match the path if given.
 * Each threshold is checked by TierService, which names it by index ({@code thresholds[1]}).
 */
public record TierRequest(
        @Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,39}",
                message = "must be 1-40 lower-case letters, digits, '-' or '_'") String name,
        @PositiveOrZero Long requestsPerMinute,
        @PositiveOrZero Long requestsPerDay,
        @PositiveOrZero Long requestsPerMonth,
        @Size(min = 1, max = 10) List<Double> thresholds) {

    /** The tier under the given name. */
    public Tier toTier(String tierName) {
        return new Tier(tierName, requestsPerMinute, requestsPerDay, requestsPerMonth,
                thresholds);
    }
}
