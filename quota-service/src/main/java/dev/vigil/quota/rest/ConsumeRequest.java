package dev.vigil.quota.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * A request a service is about to serve.
 *
 * @param requestId the caller's id of the request; a repeat is not counted again
 * @param amount how many requests it counts as; 1 when absent
 */
public record ConsumeRequest(
        @NotBlank @Size(max = 200) String requestId,
        @Positive Long amount) {

    /** The amount, 1 when absent. */
    public long amountOrOne() {
        return amount == null ? 1 : amount;
    }
}
