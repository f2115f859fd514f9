package dev.vigil.quota.model;

import java.util.List;

/** A user's tier and usage in each current period. */
public record UserQuota(String userId, String tier, List<PeriodUsage> periods) {
}
