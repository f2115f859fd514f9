package dev.vigil.quota.rest;

import jakarta.validation.constraints.NotBlank;

/** The body of {@code PUT /api/users/{id}/tier}. */
public record TierAssignment(@NotBlank String tier) {
}
