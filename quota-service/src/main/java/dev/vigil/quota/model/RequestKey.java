package dev.vigil.quota.model;

/** One request of one user: the unit that is counted at most once. */
public record RequestKey(String userId, String requestId) {
}
