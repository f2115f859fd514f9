package dev.vigil.alert.model;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A stored notification channel, secrets included; never returned by the API as it is.
 *
 * @param type {@code webhook}, {@code slack} or {@code email}
 * @param url the webhook or Slack URL (a secret)
 * @param headers extra HTTP headers of a webhook; their values are secrets
 * @param emailTo the recipient of an email channel
 */
public record Channel(
        UUID id,
        String name,
        String type,
        String url,
        Map<String, String> headers,
        String emailTo,
        Instant createdAt,
        Instant updatedAt) {
}
