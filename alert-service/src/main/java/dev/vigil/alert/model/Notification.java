package dev.vigil.alert.model;

import java.util.UUID;

/**
 * One message to one channel about one alert transition, as queued for delivery.
 *
 * @param channelId null for the configured default webhook
 * @param kind triggered, resolved or reminder
 * @param payload the JSON body of the generic webhook; other channels render from it
 * @param attempts attempts made, counting the one now leased
 */
public record Notification(
        long id,
        UUID alertId,
        UUID channelId,
        String kind,
        String idempotencyKey,
        String payload,
        int attempts) {
}
