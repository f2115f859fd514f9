package dev.vigil.quota.model;

import java.time.Instant;

/**
 * The answer to one /consume call, stored with its request id so a repeat gets it again.
 *
 * @param remaining requests left in the tightest limited period; null when unlimited or refused
 * @param resetsAt when that period resets (allowed) or when the refusing period resets
 */
public record Decision(boolean allowed, Long remaining, Instant resetsAt) {
}
