package dev.vigil.quota.model;

import java.time.Instant;
import java.util.List;

/** Usage of every tier (or one) across its users, at one instant. */
public record SystemQuota(Instant at, List<TierSummary> tiers) {

    /** One tier's usage, per period. */
    public record TierSummary(String tier, List<PeriodSummary> periods) {
    }
}
