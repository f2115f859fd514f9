package dev.vigil.quota.rest;

/** Which tier a user is on. */
public record UserTier(String userId, String tier) {
}
