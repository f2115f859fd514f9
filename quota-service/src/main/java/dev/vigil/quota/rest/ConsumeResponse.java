package dev.vigil.quota.rest;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.vigil.quota.model.Decision;

/**
 * The answer of /consume: allowed with what is left of the tightest limit, or refused with
 * when the refusing period resets.
 *
 * @param remaining absent when refused or when no period is limited
 */
public record ConsumeResponse(
        boolean allowed,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long remaining,
        Instant resetsAt) {

    static ConsumeResponse of(Decision decision) {
        return new ConsumeResponse(decision.allowed(), decision.remaining(),
                decision.resetsAt());
    }
}
