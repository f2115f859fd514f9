package dev.vigil.alert.model;

import java.util.List;

/**
 * What a rule applies to; an empty field matches everything.
 *
 * @param targetIds health rules: the targets watched
 * @param service metric rules: the reporting service
 * @param endpoint metric rules: the route
 * @param userId quota rules: one user
 * @param tier quota rules: one tier
 */
public record Scope(
        List<String> targetIds,
        List<String> tags,
        String service,
        String endpoint,
        String userId,
        String tier) {

    /** The scope that matches everything. */
    public static Scope all() {
        return new Scope(List.of(), List.of(), null, null, null, null);
    }

    /** Whether a health rule with this scope watches the target. */
    public boolean coversTarget(String targetId) {
        return targetIds == null || targetIds.isEmpty() || targetIds.contains(targetId);
    }

    /** Whether a quota rule with this scope covers the user and tier. */
    public boolean coversUser(String user, String userTier) {
        return (userId == null || userId.equals(user)) && (tier == null || tier.equals(userTier));
    }
}
